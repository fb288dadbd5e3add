// HR's ten-year projection over REST: JSON, CSV (one row per group and year) or an SVG chart of the total.
#include "server/core/workforce_service.hpp"
#include "server/http/csv.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kompetens::http {

namespace {

boost::json::object year_json(core::projection_year const& y)
{
    return {
        {"year", y.year},
        {"exits", y.exits},
        {"remaining", y.remaining},
        {"need", y.need},
        {"recruitment", y.recruitment},
        {"title_holders", y.title_holders},
        {"title_gap", y.title_gap},
        {"delegation_ready", y.delegation_ready},
        {"delegation_gap", y.delegation_gap},
        {"language_met", y.language_met},
        {"language_gap", y.language_gap},
        {"supervisors", y.supervisors},
        {"supervisor_gap", y.supervisor_gap},
        {"mentor_supply", y.mentor_supply},
        {"mentor_need", y.mentor_need}};
}

boost::json::object group_json(core::projection_group const& g)
{
    boost::json::array years;
    for (auto const& y : g.years)
        years.push_back(year_json(y));
    return {
        {"unit_id", g.unit_id.empty() ? boost::json::value(nullptr) : boost::json::value(g.unit_id)},
        {"profession", g.profession.empty() ? boost::json::value(nullptr) : boost::json::value(g.profession)},
        {"headcount", g.headcount},
        {"unknown_age", g.unknown_age},
        {"years", std::move(years)}};
}

response csv_of(core::workforce_projection const& p)
{
    std::vector<std::vector<std::string>> rows;
    auto add = [&](core::projection_group const& g) {
        for (auto const& y : g.years)
            rows.push_back(
                {g.unit_id.empty() ? "all" : g.unit_id,
                 g.profession.empty() ? "all" : g.profession,
                 std::to_string(y.year),
                 std::to_string(y.exits),
                 std::to_string(y.remaining),
                 std::to_string(y.need),
                 std::to_string(y.recruitment),
                 std::to_string(y.title_holders),
                 std::to_string(y.title_gap),
                 std::to_string(y.delegation_ready),
                 std::to_string(y.delegation_gap),
                 std::to_string(y.language_met),
                 std::to_string(y.language_gap),
                 std::to_string(y.supervisors),
                 std::to_string(y.supervisor_gap),
                 std::to_string(y.mentor_supply),
                 std::to_string(y.mentor_need)}
            );
    };
    for (auto const& g : p.groups)
        add(g);
    add(p.total);
    return csv_response(
        {"unit_id",
         "profession",
         "year",
         "exits",
         "remaining",
         "need",
         "recruitment",
         "title_holders",
         "title_gap",
         "delegation_ready",
         "delegation_gap",
         "language_met",
         "language_gap",
         "supervisors",
         "supervisor_gap",
         "mentor_supply",
         "mentor_need"},
        rows,
        "workforce-projection.csv"
    );
}

/** Bars: today's staff still there at each year's end; line: the staff needed. Numbers only, so there is
    nothing to escape. */
response svg_of(core::workforce_projection const& p)
{
    auto const& years = p.total.years;
    int top = 1;
    for (auto const& y : years)
        top = std::max({top, y.need, y.remaining});
    int const width = 720, height = 360, left = 50, bottom = 40, plot_h = height - bottom - 30;
    int const slot = (width - left - 20) / std::max<int>(1, static_cast<int>(years.size()));
    auto y_of = [&](int v) { return height - bottom - v * plot_h / top; };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" role=\"img\" aria-labelledby=\"t\">";
    svg += "<title id=\"t\">Staff remaining (bars) against staff needed (line), assumption " +
           p.assumptions.exit_rule + "</title>";
    svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(height - bottom) + "\" x2=\"" +
           std::to_string(width - 10) + "\" y2=\"" + std::to_string(height - bottom) + "\" stroke=\"#333\"/>";
    svg += "<text x=\"5\" y=\"" + std::to_string(y_of(top) + 4) + "\" font-size=\"12\">" +
           std::to_string(top) + "</text>";
    std::string line;
    for (std::size_t i = 0; i < years.size(); ++i)
    {
        auto const& y = years[i];
        int const x = left + static_cast<int>(i) * slot;
        svg += "<rect class=\"remaining\" x=\"" + std::to_string(x + slot / 6) + "\" y=\"" +
               std::to_string(y_of(y.remaining)) + "\" width=\"" + std::to_string(slot * 2 / 3) +
               "\" height=\"" + std::to_string(height - bottom - y_of(y.remaining)) +
               "\" fill=\"#4a78b0\"><title>" + std::to_string(y.year) + ": " + std::to_string(y.remaining) +
               " remaining, " + std::to_string(y.need) + " needed</title></rect>";
        svg += "<text x=\"" + std::to_string(x + slot / 6) + "\" y=\"" +
               std::to_string(height - bottom + 16) + "\" font-size=\"12\">" + std::to_string(y.year) +
               "</text>";
        line += (line.empty() ? "" : " ") + std::to_string(x + slot / 2) + "," + std::to_string(y_of(y.need));
    }
    svg += "<polyline class=\"need\" points=\"" + line +
           "\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>";
    svg += "</svg>";
    response r;
    r.content_type = "image/svg+xml";
    r.body = std::move(svg);
    return r;
}

response projection(request_context& ctx)
{
    core::projection_assumptions a;
    a.as_of = ctx.query("as_of").value_or("");
    a.exit_rule = ctx.query("exit_rule").value_or("target_age");
    a.target_ages = core::default_target_ages();
    if (auto t = ctx.query("target_ages"))
    {
        auto parsed = core::parse_target_ages(*t);
        if (!parsed)
            return error_response(
                ctx,
                core::invalid(
                    "/target_ages", "must be born_from:age pairs, ascending, e.g. 0:65,1958:66,1959:67"
                )
            );
        a.target_ages = std::move(*parsed);
    }
    if (auto g = ctx.query("demand_growth"))
    {
        // Per cent a year with at most one decimal (2.5): kept in per mille so the arithmetic is exact.
        double pct = 0;
        auto const [end, ec] = std::from_chars(g->data(), g->data() + g->size(), pct);
        if (ec != std::errc{} || end != g->data() + g->size() || !std::isfinite(pct))
            return error_response(
                ctx, core::invalid("/demand_growth", "must be a number of per cent a year")
            );
        a.demand_growth_per_mille = static_cast<int>(std::lround(pct * 10));
    }
    auto const format = ctx.query("format").value_or("json");
    if (format != "json" && format != "csv" && format != "svg")
        return error_response(ctx, core::invalid("/format", "must be json, csv or svg"));
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    core::workforce_service svc{
        {uow.directory(),
         uow.senior_plans(),
         uow.delegations(),
         uow.language(),
         uow.training(),
         uow.placements(),
         uow.mentorships(),
         uow.audit()},
        ctx.svc.clock};
    auto r = svc.projection(ctx.who(), ctx.query("unit_id"), a);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit(); // the audit entry of who looked
    if (format == "csv")
        return csv_of(*r);
    if (format == "svg")
        return svg_of(*r);
    boost::json::array groups;
    for (auto const& g : r->groups)
        groups.push_back(group_json(g));
    boost::json::array ages;
    for (auto const& t : r->assumptions.target_ages)
        ages.push_back(boost::json::object{{"born_from", t.born_from}, {"age", t.age}});
    return json_response(
        200,
        boost::json::object{
            {"as_of", r->assumptions.as_of},
            {"exit_rule", r->assumptions.exit_rule},
            {"demand_growth", r->assumptions.demand_growth_per_mille / 10.0},
            {"target_ages", std::move(ages)},
            {"groups", std::move(groups)},
            {"total", group_json(r->total)}}
    );
}

} // namespace

std::vector<route> workforce_routes()
{
    return {
        {"GET",
         "/api/v1/reports/workforce-projection",
         access_rule::roles(static_cast<unsigned>(core::role::hr)),
         &projection,
         true,
         limits::no_body},
    };
}

} // namespace kompetens::http
