#include "server/core/errc.hpp"

#include <stdexcept>

namespace kompetens::core {

std::string_view wire_code(errc e) noexcept
{
    switch (e)
    {
    case errc::validation_failed:
        return "validation_failed";
    case errc::not_found:
        return "not_found";
    case errc::conflict:
        return "conflict";
    case errc::forbidden:
        return "forbidden";
    case errc::unauthenticated:
        return "unauthenticated";
    case errc::version_mismatch:
        return "version_mismatch";
    case errc::idempotency_key_reused:
        return "idempotency_key_reused";
    case errc::database_unavailable:
        return "database_unavailable";
    case errc::too_many_requests:
        return "too_many_requests";
    case errc::malformed_json:
        return "malformed_json";
    case errc::unsupported_media_type:
        return "unsupported_media_type";
    case errc::payload_too_large:
        return "payload_too_large";
    case errc::precondition_required:
        return "precondition_required";
    case errc::method_not_allowed:
        return "method_not_allowed";
    case errc::header_too_large:
        return "header_too_large";
    case errc::internal:
        return "internal";
    case errc::unit_cycle:
        return "unit_cycle";
    case errc::cross_organisation_reference:
        return "cross_organisation_reference";
    case errc::prerequisite_missing:
        return "prerequisite_missing";
    case errc::invalid_state:
        return "invalid_state";
    case errc::reauthentication_required:
        return "reauthentication_required";
    case errc::unknown_device:
        return "unknown_device";
    case errc::device_user_mismatch:
        return "device_user_mismatch";
    case errc::wipe_required:
        return "wipe_required";
    case errc::seq_gap:
        return "seq_gap";
    case errc::seq_payload_mismatch:
        return "seq_payload_mismatch";
    case errc::schema_unsupported:
        return "schema_unsupported";
    case errc::delegation_revoked:
        return "delegation_revoked";
    case errc::not_a_delegator:
        return "not_a_delegator";
    case errc::capacity_exceeded:
        return "capacity_exceeded";
    }
    return "unknown";
}

void throw_exception_from_error(failure const& f, boost::source_location const&)
{
    throw std::logic_error("result accessed without a value: " + std::string(wire_code(f.code)));
}

} // namespace kompetens::core
