#include "server/http/problem.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

int status_of(core::errc e) noexcept
{
    using core::errc;
    switch (e)
    {
    case errc::validation_failed:
    case errc::malformed_json:
        return 400;
    case errc::unauthenticated:
    case errc::reauthentication_required:
        return 401;
    case errc::forbidden:
    case errc::unknown_device:
    case errc::device_user_mismatch:
    case errc::not_a_delegator:
        return 403;
    case errc::not_found:
        return 404;
    case errc::method_not_allowed:
        return 405;
    case errc::conflict:
    case errc::invalid_state:
    case errc::delegation_revoked:
    case errc::seq_gap:
    case errc::seq_payload_mismatch:
    case errc::capacity_exceeded:
        return 409;
    case errc::wipe_required:
        return 410;
    case errc::version_mismatch:
        return 412;
    case errc::payload_too_large:
        return 413;
    case errc::unsupported_media_type:
        return 415;
    case errc::idempotency_key_reused:
    case errc::unit_cycle:
    case errc::cross_organisation_reference:
    case errc::prerequisite_missing:
        return 422;
    case errc::schema_unsupported:
        return 426;
    case errc::precondition_required:
        return 428;
    case errc::too_many_requests:
        return 429;
    case errc::header_too_large:
        return 431;
    case errc::internal:
        return 500;
    case errc::database_unavailable:
        return 503;
    }
    return 500;
}

namespace {
std::string_view title_of(int status) noexcept
{
    switch (status)
    {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}
} // namespace

response problem(core::failure const& f, std::string_view request_id)
{
    response r;
    r.status = status_of(f.code);
    r.content_type = "application/problem+json";
    auto const code = core::wire_code(f.code);
    boost::json::object o;
    o["type"] = "urn:kompetens:problem:" + std::string(code);
    o["title"] = title_of(r.status);
    o["status"] = r.status;
    o["code"] = code;
    if (!f.detail.empty())
        o["detail"] = f.detail;
    if (!f.field.empty())
        o["field"] = f.field;
    o["request_id"] = request_id;
    r.body = boost::json::serialize(o);
    if (r.status == 503)
        r.set("Retry-After", "2");
    if (r.status == 401)
        r.set("WWW-Authenticate", "Bearer");
    return r;
}

} // namespace kompetens::http
