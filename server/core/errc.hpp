#pragma once
#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace kompetens::core {

/** Every expected refusal in Kompetens. The numbers are stable and never reused; `wire_code` gives the
    machine code that clients see in problem+json and sync rejections. Only server/http maps them to
    HTTP statuses. */
enum class errc
{
    validation_failed = 1,
    not_found = 2,
    conflict = 3,
    forbidden = 4,
    unauthenticated = 5,
    version_mismatch = 6,
    idempotency_key_reused = 7,
    database_unavailable = 8,
    too_many_requests = 9,
    malformed_json = 10,
    unsupported_media_type = 11,
    payload_too_large = 12,
    precondition_required = 13,
    method_not_allowed = 14,
    header_too_large = 15,
    internal = 16,
    unit_cycle = 20,
    cross_organisation_reference = 21,
    prerequisite_missing = 22, // a delegation's prerequisites do not hold (422)
    invalid_state = 23, // the object's state does not allow this step, e.g. signing a revoked one (409)
    reauthentication_required = 24, // the step needs a password entered within the last 5 minutes (401)
    not_a_delegator = 25,           // no legitimation in a profession allowed for the task (403)
    delegation_revoked = 26,        // the step needs a delegation that was revoked meanwhile (409)
    // Sync (sync/PROTOCOL.md): the device and its lanes.
    unknown_device = 27,       // the device id is not registered: register it again (403)
    device_user_mismatch = 28, // the device belongs to another account, or the token to another device (403)
    wipe_required = 29,        // the device was reported lost or retired: erase local data (410)
    seq_gap = 30,              // the push skips sequence numbers; resend from `expected_seq` (409)
    seq_payload_mismatch = 31, // the same sequence number came with another payload (409)
    schema_unsupported = 32,   // the app's schema is below the served window: update the app (426)
    capacity_exceeded = 33,    // a unit, supervisor or mentor has no room in that period (409)
};

std::string_view wire_code(errc e) noexcept;

/** A refusal with the field at fault (a JSON pointer such as `/units/0`, or empty) and a human detail
    that never contains personal data. */
struct failure
{
    errc code = errc::validation_failed;
    std::string field;
    std::string detail;
};

/** Lets `result<T>::value()` throw when a caller insists on a value that is not there (a bug). */
[[noreturn]] void throw_exception_from_error(failure const& f, boost::source_location const& loc);

template <class T> using result = boost::system::result<T, failure>;

/** The answer for an object that does not exist, or that the caller may not know exists. */
inline failure not_found(std::string what)
{
    return failure{errc::not_found, "", "no such " + std::move(what)};
}

inline failure invalid(std::string field, std::string detail)
{
    return failure{errc::validation_failed, std::move(field), std::move(detail)};
}

} // namespace kompetens::core
