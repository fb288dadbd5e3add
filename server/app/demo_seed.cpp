#include "server/app/demo_seed.hpp"

#include "server/app/demo_competence.hpp"
#include "server/core/auth_service.hpp"
#include "server/core/calendar.hpp"
#include "server/core/credentials.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/log.hpp"
#include "server/core/training_service.hpp"
#include "server/storage/unit_of_work.hpp"

#include <array>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

namespace kompetens::app {

namespace {

constexpr char const* demo_org_name = "Demokommun vård och omsorg";

constexpr std::array<char const*, 20> given{
    "Anna", "Maria", "Fatima", "Sara",     "Elin",  "Amina", "Karin", "Leila", "Johanna", "Ida",
    "Erik", "Ahmed", "Lars",   "Mohammed", "Johan", "Ali",   "Peter", "Yusuf", "Oskar",   "Daniel"};
constexpr std::array<char const*, 16> family{
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Hassan",
    "Ali",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Mohamed",
    "Lindberg"};

template <class T> T need(core::result<T> r)
{
    if (!r)
        throw std::runtime_error(
            "demo seed refused: " + std::string(core::wire_code(r.error().code)) + " " + r.error().field
        );
    return std::move(*r);
}

std::string two(int v)
{
    return (v < 10 ? "0" : "") + std::to_string(v);
}

} // namespace

bool seed_demo(storage::database& db, core::clock const& clock, std::string const& credentials_file)
{
    storage::unit_of_work uow{db, storage::access_mode::write};
    if (uow.accounts().find_account_by_username("admin"))
        return false;

    core::directory_service dir{uow.directory(), uow.audit(), clock};
    core::auth_service auth{uow.accounts(), uow.audit(), clock};
    core::principal op{"seed", "", std::nullopt, static_cast<unsigned>(core::role::system), std::nullopt};
    auto org =
        need(dir.create_organisation(op, core::organisation{"", demo_org_name, "municipality", "", 0, 1}));
    core::principal hr{"seed", org.id, std::nullopt, core::role::admin | core::role::hr, std::nullopt};

    auto make_unit = [&](char const* name, char const* kind, std::optional<std::string> parent) {
        return need(dir.create_unit(hr, core::unit{"", "", std::move(parent), name, kind, 0, 1}));
    };
    auto root = make_unit("Vård- och omsorgsförvaltningen", "other", std::nullopt);
    std::vector<core::unit> care_units{
        make_unit("Hemtjänst Centrum", "home_care", root.id),
        make_unit("Hemtjänst Norr", "home_care", root.id),
        make_unit("Solgårdens särskilda boende", "residential", root.id),
        make_unit("Ekbackens särskilda boende", "residential", root.id),
        make_unit("LSS-boendet Lärkan", "disability_support", root.id),
        make_unit("Daglig verksamhet Verkstan", "disability_support", root.id),
        make_unit("Kommunal hälso- och sjukvård", "health_care", root.id),
    };

    std::vector<std::string> nurse_ids, staff_ids, manager_ids;
    int n = 0;
    for (std::size_t u = 0; u < care_units.size(); ++u)
    {
        auto const& unit = care_units[u];
        bool const health = unit.kind == "health_care";
        int const people = health ? 6 : 7;
        for (int i = 0; i < people; ++i, ++n)
        {
            std::string profession;
            if (i == 0)
                profession = "unit_manager";
            else if (health)
                profession =
                    i <= 3 ? "registered_nurse" : (i == 4 ? "occupational_therapist" : "physiotherapist");
            else if (unit.kind == "disability_support")
                profession = i % 3 == 0 ? "support_educator" : "support_assistant";
            else
                profession = i % 4 == 0 ? "care_assistant" : "assistant_nurse";
            core::employee e;
            e.given_name = given[static_cast<std::size_t>(n * 7) % given.size()];
            e.family_name = family[static_cast<std::size_t>(n * 5 + 3) % family.size()];
            // The first ten given names are women's names; every eleventh person has no gender recorded.
            auto const g = static_cast<std::size_t>(n * 7) % given.size();
            e.gender = n % 11 == 10 ? std::optional<std::string>{} : (g < 10 ? "female" : "male");
            e.birth_date =
                std::to_string(1958 + (n * 13) % 46) + "-" + two(1 + n % 12) + "-" + two(1 + (n * 3) % 28);
            e.external_ref = "HR-" + std::to_string(10'000 + n);
            auto emp = need(dir.create_employee(hr, e));
            core::employment job;
            job.employee_id = emp.id;
            job.profession = profession;
            job.form = n % 9 == 8 ? "hourly" : "permanent";
            job.start_date = std::to_string(2005 + n % 20) + "-" + two(1 + n % 12) + "-01";
            job.fte_per_mille = n % 5 == 4 ? 750 : 1000;
            job.unit_ids = {unit.id};
            need(dir.create_employment(hr, job));
            if (profession == "registered_nurse")
                nurse_ids.push_back(emp.id);
            else if (profession == "unit_manager")
                manager_ids.push_back(emp.id);
            else if (profession == "assistant_nurse")
                staff_ids.push_back(emp.id);
        }
    }

    // A realistic catalogue (issue: Training, item 8) with the rules a municipality would set, and
    // completions spread over the last years so that the matrix shows every state.
    core::training_service training{uow.directory(), uow.training(), uow.audit(), uow.notifications(), clock};
    struct demo_course
    {
        char const* code;
        char const* title;
        char const* kind;
        char const* basis;
        std::optional<int> months;
        std::optional<int> passing;
        char const* scope_kind;
        char const* scope_value;
    };
    std::vector<demo_course> const catalogue{
        {"INTRO",
         "Basutbildning för nyanställda i vård och omsorg",
         "e_learning",
         "",
         std::nullopt,
         std::nullopt,
         "organisation",
         ""},
        {"BASAL-HYGIEN",
         "Basala hygienrutiner",
         "e_learning",
         "SOSFS 2015:10",
         24,
         std::nullopt,
         "organisation",
         ""},
        {"HLR",
         "Hjärt-lungräddning, vuxen",
         "classroom",
         "Svenska HLR-rådets rekommendationer",
         12,
         std::nullopt,
         "organisation",
         ""},
        {"BRAND",
         "Brandskydd",
         "classroom",
         "Lag (2003:778) om skydd mot olyckor",
         12,
         std::nullopt,
         "organisation",
         ""},
        {"LAKEMEDEL",
         "Läkemedelshantering med kunskapstest",
         "exam",
         "HSLF-FS 2017:37",
         12,
         80,
         "profession",
         "assistant_nurse"},
        {"FORFLYTTNING",
         "Förflyttningsteknik (praktisk avprickning)",
         "practical",
         "AFS om belastningsergonomi",
         36,
         std::nullopt,
         "unit_kind",
         "residential"},
        {"DOKUMENTATION",
         "Social dokumentation",
         "e_learning",
         "SoL",
         std::nullopt,
         std::nullopt,
         "organisation",
         ""},
        {"INFOSAK",
         "Informationssäkerhet",
         "e_learning",
         "GDPR art. 32, OSL",
         24,
         std::nullopt,
         "organisation",
         ""},
        {"LAGAFFEKTIVT",
         "Lågaffektivt bemötande",
         "classroom",
         "",
         36,
         std::nullopt,
         "unit_kind",
         "disability_support"},
        {"APL-HANDLEDARE-1",
         "APL-handledarutbildning steg 1",
         "classroom",
         "Vård- och omsorgscollege",
         std::nullopt,
         std::nullopt,
         "",
         ""},
        {"APL-HANDLEDARE-2",
         "APL-handledarutbildning steg 2",
         "classroom",
         "Vård- och omsorgscollege",
         std::nullopt,
         std::nullopt,
         "",
         ""},
        {"APL-HANDLEDARE-3",
         "APL-handledarutbildning steg 3",
         "classroom",
         "Vård- och omsorgscollege",
         std::nullopt,
         std::nullopt,
         "",
         ""},
    };
    std::vector<std::string> course_ids;
    for (auto const& dc : catalogue)
    {
        core::course c{"", "", dc.code, dc.title, dc.kind, "Demokommunen", dc.basis, "draft", 0, 1};
        core::course_version v;
        v.validity_months = dc.months;
        v.passing_score = dc.passing;
        v.evidence_type =
            dc.passing ? "test" : (std::string(dc.kind) == "practical" ? "attestation" : "completion");
        auto made = need(training.create_course(hr, c, v));
        course_ids.push_back(made.id);
        if (*dc.scope_kind != 0)
        {
            core::requirement_rule r;
            r.course_id = made.id;
            r.scope_kind = dc.scope_kind;
            r.scope_value = dc.scope_value;
            r.due_days = std::string(dc.code) == "INTRO" ? 14 : 60;
            need(training.create_rule(hr, r));
        }
    }
    // The hygiene course can be studied on a phone: a reading module and a short quiz.
    for (std::size_t i = 0; i < catalogue.size(); ++i)
        if (std::string_view(catalogue[i].code) == "BASAL-HYGIEN")
        {
            core::course_module read;
            read.course_id = course_ids[i];
            read.kind = "reading";
            read.title = "Basala hygienrutiner i vardagen";
            read.body =
                "Desinfektera händerna före och efter varje vårdmoment. Använd handskar vid kontakt med "
                "kroppsvätskor och byt dem mellan vårdtagare. Arbetskläder byts dagligen.";
            need(training.add_module(hr, read));
            core::course_module quiz;
            quiz.course_id = course_ids[i];
            quiz.kind = "quiz";
            quiz.title = "Kunskapstest";
            quiz.passing_score = 100;
            quiz.questions = {
                {"När desinfekterar du händerna?",
                 {"Efter arbetspasset", "Före och efter varje vårdmoment"},
                 1}};
            need(training.add_module(hr, quiz));
        }
    // HLR and fire safety done at different times: some valid, some expiring within the month, some lapsed.
    auto const today = core::stockholm_today(clock.now());
    std::vector<int> const ages_in_days{40, 350, 420, 200};
    int k = 0;
    for (auto const& e : dir.list_employees(hr, {}, core::page_request{std::nullopt, 500}).value().items)
    {
        for (std::size_t c : {std::size_t{2}, std::size_t{3}})
        {
            if (k % 5 == 4)
                continue; // never done: still assigned
            core::training_record rec;
            rec.employee_id = e.id;
            rec.course_id = course_ids[c];
            rec.completed_on =
                core::add_days(today, -ages_in_days[static_cast<std::size_t>(k) % ages_in_days.size()]);
            need(training.record_completion(hr, rec));
        }
        ++k;
    }

    // Delegations: the medical lead's task catalogue, every nurse's legitimation, and one active medication
    // delegation so that the staff account has something to show.
    core::delegation_service delegations{
        uow.directory(),
        uow.training(),
        uow.delegations(),
        uow.accounts(),
        uow.audit(),
        uow.notifications(),
        clock};
    for (std::size_t i = 0; i < nurse_ids.size(); ++i)
    {
        core::legitimation l;
        l.employee_id = nurse_ids[i];
        l.profession = "registered_nurse";
        l.registry_ref = "DEMO-" + std::to_string(4711 + i);
        l.verified_on = core::add_days(today, -30);
        need(dir.record_legitimation(hr, l));
    }
    std::string medication_course;
    for (std::size_t c = 0; c < catalogue.size(); ++c)
        if (std::string(catalogue[c].code) == "LAKEMEDEL")
            medication_course = course_ids[c];
    core::principal lead{
        "seed", org.id, std::nullopt, core::role::medical_lead | core::role::admin, std::nullopt};
    auto make_task = [&](char const* code,
                         char const* name,
                         char const* category,
                         std::vector<std::string> needs_tasks,
                         int days,
                         char const* risk) {
        core::delegation_task t;
        t.code = code;
        t.name = name;
        t.category = category;
        t.delegator_professions = {"registered_nurse"};
        if (std::string(category) == "medication" || std::string(category) == "insulin")
            t.prerequisite_courses = {{medication_course, 12}};
        t.prerequisite_tasks = std::move(needs_tasks);
        t.min_days_in_unit = days;
        t.allowed_scopes = {"unit", "area", "patient"};
        t.risk_class = risk;
        return need(delegations.create_task(lead, t)).id;
    };
    auto const med =
        make_task("MED-DOS", "Överlämna dosdispenserade läkemedel", "medication", {}, 0, "medium");
    make_task(
        "INSULIN-PENNA", "Insulin med injektionspenna vid stabilt P-glukos", "insulin", {med}, 14, "high"
    );
    make_task("P-GLUKOS", "P-glukoskontroll", "measurement", {}, 0, "medium");
    make_task("SAR", "Såromläggning enligt instruktion", "wound_care", {}, 0, "low");
    {
        auto const recipient = staff_ids.front();
        core::training_record rec;
        rec.employee_id = recipient;
        rec.course_id = medication_course;
        rec.completed_on = core::add_days(today, -20);
        rec.score = 100;
        need(training.record_completion(hr, rec));
        core::principal nurse_p{
            "seed", org.id, nurse_ids.front(), core::role::delegator | core::role::staff, std::nullopt};
        core::principal staff_p{
            "seed", org.id, recipient, static_cast<unsigned>(core::role::staff), std::nullopt};
        core::delegation_decision d;
        d.delegate_id = recipient;
        d.task_ids = {med};
        d.unit_ids = uow.directory().current_units(org.id, recipient, today);
        d.valid_from = today;
        d.valid_to = core::add_days(today, 180);
        auto draft = need(delegations.create_draft(nurse_p, d));
        need(delegations.issue(nurse_p, draft.id, core::signature{"password", clock.now()}));
        need(delegations.sign(staff_p, draft.id, true, core::signature{"password", clock.now()}));
    }

    seed_demo_competence(uow, clock, hr, staff_ids);

    struct demo_account
    {
        char const* username;
        unsigned roles;
        std::optional<std::string> employee;
    };
    std::vector<demo_account> const accounts{
        {"operator", static_cast<unsigned>(core::role::system), std::nullopt},
        {"admin", static_cast<unsigned>(core::role::admin), std::nullopt},
        {"hr", static_cast<unsigned>(core::role::hr), std::nullopt},
        {"manager", core::role::manager | core::role::staff, manager_ids.front()},
        {"nurse", core::role::delegator | core::role::staff, nurse_ids.front()},
        {"mas", core::role::medical_lead | core::role::delegator, nurse_ids.back()},
        {"education", static_cast<unsigned>(core::role::education_coordinator), std::nullopt},
        {"staff", static_cast<unsigned>(core::role::staff), staff_ids.front()},
    };
    std::string lines;
    for (auto const& a : accounts)
    {
        core::account acc;
        acc.organisation_id = org.id;
        acc.employee_id = a.employee;
        acc.username = a.username;
        acc.roles = a.roles;
        std::string const password = core::new_token().substr(0, 16);
        need(auth.create_account(acc, password, "seed"));
        lines += std::string(a.username) + " " + password + " (" + core::role_names(a.roles) + ")\n";
    }

    // Write the credentials before committing: if the file cannot be written, nothing is seeded and a
    // later start tries again, rather than leaving accounts nobody knows the passwords of.
    {
        std::ofstream out(credentials_file, std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write " + credentials_file);
        ::chmod(credentials_file.c_str(), 0600);
        out << "# Demo accounts of " << demo_org_name << " (username password roles)\n" << lines;
        if (!out.flush())
            throw std::runtime_error("cannot write " + credentials_file);
    }
    uow.commit();
    core::log::info(
        "seed", "seeded demo organisation " + org.id + " with " + std::to_string(n) + " employees"
    );
    return true;
}

} // namespace kompetens::app
