#include "server/http/dto.hpp"

#include "server/http/json_input.hpp"

#include <cmath>

namespace kompetens::http::dto {

namespace {
void put_optional(boost::json::object& o, char const* key, std::optional<std::string> const& v)
{
    if (v)
        o[key] = *v;
    else
        o[key] = nullptr;
}
} // namespace

boost::json::object to_json(core::organisation const& o)
{
    return {
        {"id", o.id},
        {"name", o.name},
        {"kind", o.kind},
        {"time_zone", o.time_zone},
        {"created_at", o.created_at},
        {"version", o.version}};
}

boost::json::object to_json(core::unit const& u)
{
    boost::json::object o{
        {"id", u.id},
        {"organisation_id", u.organisation_id},
        {"name", u.name},
        {"kind", u.kind},
        {"created_at", u.created_at},
        {"version", u.version}};
    put_optional(o, "parent_id", u.parent_id);
    return o;
}

boost::json::object to_json(core::employee const& e)
{
    boost::json::object o{
        {"id", e.id},
        {"organisation_id", e.organisation_id},
        {"given_name", e.given_name},
        {"family_name", e.family_name},
        {"may_use_title", e.may_use_title},
        {"created_at", e.created_at},
        {"version", e.version}};
    put_optional(o, "gender", e.gender);
    put_optional(o, "external_ref", e.external_ref);
    // Restricted: present only for callers allowed to see it (core has already cleared it otherwise).
    if (e.birth_date)
        o["birth_date"] = *e.birth_date;
    return o;
}

boost::json::object to_json(core::employment const& e)
{
    boost::json::array units;
    for (auto const& u : e.unit_ids)
        units.emplace_back(u);
    boost::json::object o{
        {"id", e.id},
        {"organisation_id", e.organisation_id},
        {"employee_id", e.employee_id},
        {"profession", e.profession},
        {"form", e.form},
        {"start_date", e.start_date},
        {"fte", static_cast<double>(e.fte_per_mille) / 1000.0},
        {"unit_ids", std::move(units)},
        {"created_at", e.created_at},
        {"version", e.version}};
    put_optional(o, "end_date", e.end_date);
    return o;
}

std::optional<int> fte_to_per_mille(double fte)
{
    if (!std::isfinite(fte) || fte <= 0 || fte > 1)
        return std::nullopt;
    double const scaled = fte * 1000.0;
    double const rounded = std::round(scaled);
    if (std::fabs(scaled - rounded) > 1e-6)
        return std::nullopt;
    return static_cast<int>(rounded);
}

core::result<core::organisation> organisation_from(boost::json::object const& o)
{
    json_fields f{o};
    core::organisation out;
    out.name = f.text("name");
    out.kind = f.text("kind");
    out.time_zone = f.optional_text("time_zone").value_or("Europe/Stockholm");
    if (f.error())
        return *f.error();
    return out;
}

core::result<core::unit> unit_from(boost::json::object const& o)
{
    json_fields f{o};
    core::unit out;
    out.name = f.text("name");
    out.kind = f.text("kind");
    out.parent_id = f.optional_text("parent_id");
    if (f.error())
        return *f.error();
    return out;
}

core::result<core::employee> employee_from(boost::json::object const& o)
{
    json_fields f{o};
    core::employee out;
    out.given_name = f.text("given_name");
    out.family_name = f.text("family_name");
    out.birth_date = f.optional_text("birth_date");
    out.gender = f.optional_text("gender");
    out.external_ref = f.optional_text("external_ref");
    if (f.error())
        return *f.error();
    return out;
}

core::result<core::employment> employment_from(boost::json::object const& o)
{
    json_fields f{o};
    core::employment out;
    out.profession = f.text("profession");
    out.form = f.text("form");
    out.start_date = f.text("start_date");
    out.end_date = f.optional_text("end_date");
    auto const fte = f.optional_number("fte");
    auto const units = f.optional_text_array("unit_ids");
    if (f.error())
        return *f.error();
    if (fte)
    {
        auto pm = fte_to_per_mille(*fte);
        if (!pm)
            return core::invalid("/fte", "must be greater than 0 and at most 1, with at most 3 decimals");
        out.fte_per_mille = *pm;
    }
    if (!units)
        return core::invalid("/unit_ids", "is required");
    out.unit_ids = *units;
    return out;
}

} // namespace kompetens::http::dto
