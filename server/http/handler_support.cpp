#include "server/http/handler_support.hpp"

#include "server/core/credentials.hpp"
#include "server/http/csv.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>

namespace kompetens::http {

response json_response(int status, boost::json::value const& body)
{
    response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    return r;
}

response error_response(request_context const& ctx, core::failure const& f)
{
    return problem(f, ctx.request_id);
}

core::result<core::page_request> page_from_query(request_context const& ctx)
{
    core::page_request p;
    p.after = ctx.query("after");
    if (auto l = ctx.query("limit"))
    {
        int v = 0;
        auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
        if (ec != std::errc{} || ptr != l->data() + l->size())
            return core::invalid("limit", "must be a whole number");
        p.limit = v;
    }
    return p;
}

core::result<int> page_from_query_limit_only(request_context const& ctx)
{
    int v = 100;
    if (auto l = ctx.query("limit"))
    {
        auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
        if (ec != std::errc{} || ptr != l->data() + l->size())
            return core::invalid("limit", "must be a whole number");
    }
    if (v < 1 || v > core::page_request::max_limit)
        return core::invalid("limit", "must be between 1 and 500");
    return v;
}

core::result<int> if_match_version(request_context const& ctx)
{
    auto h = ctx.req.header("If-Match");
    if (h.empty())
        return core::failure{
            core::errc::precondition_required, "If-Match", "send If-Match with the ETag you read"};
    if (h.size() < 3 || h.front() != '"' || h.back() != '"')
        return core::invalid("If-Match", "is not an ETag from this API");
    int v = 0;
    auto const digits = h.substr(1, h.size() - 2);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc{} || ptr != digits.data() + digits.size())
        return core::invalid("If-Match", "is not an ETag from this API");
    return v;
}

void set_etag(response& r, int version)
{
    r.set("ETag", "\"" + std::to_string(version) + "\"");
}

response idempotent_create(
    request_context& ctx,
    std::string_view route_name,
    std::function<response(storage::unit_of_work&)> const& create
)
{
    auto const key = std::string(ctx.req.header("Idempotency-Key"));
    if (key.size() > 128 || std::any_of(key.begin(), key.end(), [](char c) { return c < 0x21 || c > 0x7e; }))
        return error_response(
            ctx, core::invalid("Idempotency-Key", "must be 1-128 visible ASCII characters")
        );

    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    std::string const hash = core::token_digest(std::string(route_name) + '\n' + ctx.req.body);
    if (!key.empty())
    {
        if (auto prior = uow.idempotency().find(ctx.who().account_id, key))
        {
            if (prior->request_hash != hash || prior->route != route_name)
                return error_response(
                    ctx,
                    core::failure{
                        core::errc::idempotency_key_reused,
                        "Idempotency-Key",
                        "the key was used for another request"}
                );
            response r;
            r.status = prior->status;
            r.body = prior->body;
            r.set("Idempotent-Replayed", "true");
            return r;
        }
    }
    response r = create(uow);
    if (r.status >= 400)
        return r; // the unit of work rolls back
    if (!key.empty())
        uow.idempotency().save(
            ctx.who().account_id,
            key,
            storage::idempotent_outcome{hash, std::string(route_name), r.status, r.body},
            ctx.svc.clock.now()
        );
    uow.commit();
    return r;
}

response summary_response(
    request_context const& ctx,
    std::vector<core::summary_cell> const& cells,
    std::string const& key,
    std::string const& filename
)
{
    auto shown = [](std::optional<int> const& v) {
        return v ? std::to_string(*v) : std::string("suppressed");
    };
    if (wants_csv(ctx.req.query()))
    {
        std::vector<std::vector<std::string>> rows;
        for (auto const& c : cells)
            rows.push_back(
                {c.unit_id.empty() ? "all" : c.unit_id,
                 c.course_id,
                 c.suppressed ? "suppressed" : std::to_string(c.people),
                 shown(c.compliant),
                 shown(c.compliant_by_gender.at("female")),
                 shown(c.compliant_by_gender.at("male")),
                 shown(c.compliant_by_gender.at("other")),
                 shown(c.compliant_by_gender.at("unrecorded"))}
            );
        return csv_response(
            {"unit_id",
             key,
             "people",
             "compliant",
             "compliant_female",
             "compliant_male",
             "compliant_other",
             "compliant_unrecorded"},
            rows,
            filename
        );
    }
    boost::json::array items;
    for (auto const& c : cells)
    {
        boost::json::object genders;
        for (auto const& [g, v] : c.compliant_by_gender)
            genders[g] = v ? boost::json::value(*v) : boost::json::value(nullptr);
        items.push_back(boost::json::object{
            {"unit_id", c.unit_id.empty() ? boost::json::value(nullptr) : boost::json::value(c.unit_id)},
            {key, c.course_id},
            {"suppressed", c.suppressed},
            {"people", c.suppressed ? boost::json::value(nullptr) : boost::json::value(c.people)},
            {"compliant", c.compliant ? boost::json::value(*c.compliant) : boost::json::value(nullptr)},
            {"compliant_by_gender", std::move(genders)}});
    }
    return json_response(
        200,
        boost::json::object{{"items", std::move(items)}, {"smallest_shown_group", core::smallest_shown_group}}
    );
}

} // namespace kompetens::http
