#include "server/app/demo_competence.hpp"

#include "server/core/calendar.hpp"
#include "server/core/language_service.hpp"
#include "server/core/mentorship_service.hpp"
#include "server/core/placement_service.hpp"
#include "server/core/special_role_service.hpp"
#include "server/core/title_service.hpp"

#include <stdexcept>

namespace kompetens::app {

namespace {

template <class T> T need(core::result<T> r)
{
    if (!r)
        throw std::runtime_error("demo seed: " + r.error().detail + " " + r.error().field);
    return std::move(*r);
}

} // namespace

void seed_demo_competence(
    storage::unit_of_work& uow,
    core::clock const& clock,
    core::principal const& hr,
    std::vector<std::string> const& assistant_nurses
)
{
    core::title_service titles{uow.directory(), uow.titles(), uow.audit(), clock};
    core::language_service language{uow.directory(), uow.language(), uow.audit(), uow.notifications(), clock};
    core::special_role_service roles{uow.role_ports(), clock};
    auto const today = core::stockholm_today(clock.now());
    auto const day = core::parse_iso_date(today).value();

    // A third hold the certificate, a third rely on the transitional right, a third have neither.
    for (std::size_t i = 0; i < assistant_nurses.size(); ++i)
    {
        core::title_status t;
        t.employee_id = assistant_nurses[i];
        if (i % 3 == 0)
        {
            t.status = "certificate_applied";
            need(titles.set(hr, t, 0));
            t.status = "granted";
            t.evidence = "Bevis från Socialstyrelsen";
            need(titles.set(hr, t, 1));
            continue;
        }
        else if (i % 3 == 1)
        {
            t.status = "transitional_right";
            t.evidence = "Arbetsgivarintyg: tillsvidareanställd undersköterska 2023-07-01";
        }
        else
            continue;
        need(titles.set(hr, t, 0));
    }

    // Language: most at B2 or above, every fourth below it; the second is a language ambassador.
    auto const assess = [&](std::string const& who, char const* skill, char const* level) {
        core::language_assessment a;
        a.employee_id = who;
        a.skill = skill;
        a.level = level;
        a.method = "test";
        a.assessor_external = "Folkuniversitetet";
        a.assessed_on = core::format_iso_date(core::add_months(day, -3));
        a.evidence = "Språktest, protokoll i personalakten";
        need(language.record_assessment(hr, a));
    };
    for (std::size_t i = 0; i < assistant_nurses.size(); ++i)
        assess(assistant_nurses[i], "overall", i == 1 ? "C1" : i % 4 == 0 ? "B1" : "B2");
    if (assistant_nurses.size() < 2)
        return;
    auto const& staff = assistant_nurses[0];
    auto const& ambassador = assistant_nurses[1];
    assess(staff, "speaking", "B1");

    auto const unit_of = [&](std::string const& who) {
        return uow.directory().current_units(hr.organisation_id, who, today).front();
    };
    core::special_role_assignment a;
    a.employee_id = ambassador;
    a.role = "language_ambassador";
    a.unit_id = unit_of(ambassador);
    need(roles.assign(hr, a));
    a.employee_id = staff;
    a.role = "care_contact";
    a.unit_id = unit_of(staff);
    need(roles.assign(hr, a));

    core::language_plan plan;
    plan.employee_id = staff;
    plan.targets = {{"", "speaking", "B2"}, {"", "overall", "B2"}};
    plan.supports = {{"language_ambassador", ambassador}, {"sva_course", std::nullopt}};
    plan.next_follow_up_on = core::format_iso_date(core::add_months(day, 1));
    need(language.create_plan(hr, plan));

    // Workplace learning: a school, an APL student asked for by the staff member's unit next month
    // (the manager confirms it once a supervisor has the step), and a mentor for the newest colleague.
    core::placement_service placements{uow.workplace_ports(), clock};
    core::mentorship_service mentorships{uow.workplace_ports(), clock};
    core::education_provider school;
    school.name = "Vård- och omsorgscollege Norra";
    school.kind = "upper_secondary";
    school = need(placements.create_provider(hr, school));
    core::education_programme apl;
    apl.provider_id = school.id;
    apl.name = "Vård- och omsorgsprogrammet, APL år 2";
    apl.form = "apl";
    apl = need(placements.create_programme(hr, apl));
    core::learner student;
    student.given_name = "Elev";
    student.family_name = "Demo";
    student.programme_id = apl.id;
    student = need(placements.create_learner(hr, student));
    need(placements.set_unit_capacity(hr, unit_of(staff), 2));
    core::placement pl;
    pl.learner_id = student.id;
    pl.unit_id = unit_of(staff);
    pl.starts_on = core::format_iso_date(core::add_months(day, 1));
    pl.ends_on = core::format_iso_date(core::add_months(day, 2));
    pl.required_weeks = 4;
    need(placements.request(hr, pl));

    core::mentorship_programme intro;
    intro.name = "Introduktion för nyanställda";
    intro.kind = "new_employee";
    intro = need(mentorships.create_programme(hr, intro));
    core::mentorship m;
    m.programme_id = intro.id;
    m.mentor_id = ambassador;
    m.mentee_id = staff;
    m.starts_on = today;
    m.ends_on = core::format_iso_date(core::add_months(day, 6));
    need(mentorships.assign(hr, m));
}

} // namespace kompetens::app
