// Every route × every role × relation against one table of expected outcomes (security.md T4). The test
// fails on any unexpected allow or deny, and when a route of the router has no row here.
#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

using namespace kompetens;

namespace {

unsigned only(core::role r)
{
    return static_cast<unsigned>(r);
}

// The callers, in the column order of the table.
constexpr std::array<char const*, 10> callers{
    "anonymous",
    "staff",
    "manager",
    "delegator",
    "medical_lead",
    "hr",
    "education",
    "admin",
    "operator",
    "disabled"};

// -1: not applicable (the caller has no such relation, e.g. no own employee record).
using outcome = std::array<int, callers.size()>;

struct row
{
    char const* method;
    char const* path;   // template; {id} is filled from the target
    char const* target; // none | own | same_unit | other_unit | other_org | nonexistent | own_org
    outcome expect;
};

// anonymous, staff, manager, delegator, medical_lead, hr, education, admin, operator, disabled
std::vector<row> const table{
    {"GET", "/healthz", "none", {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET", "/readyz", "none", {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET", "/metrics", "none", {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/auth/login", "none", {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/auth/refresh", "none", {401, 401, 401, 401, 401, 401, 401, 401, 401, 401}},
    {"GET", "/api/v1/me", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/devices", "none", {401, 201, 201, 201, 201, 201, 201, 201, 201, 401}},
    {"GET", "/api/v1/devices", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/devices/{id}/revoke", "same_unit", {401, 404, 404, 404, 404, 404, 404, 200, 404, 401}},
    {"POST", "/api/v1/devices/{id}/revoke", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/devices/{id}/revoke",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST", "/api/v1/devices/{id}/wipe", "same_unit", {401, 404, 404, 404, 404, 404, 404, 200, 404, 401}},
    {"POST", "/api/v1/devices/{id}/wipe", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/accounts", "none", {401, 403, 403, 403, 403, 403, 403, 200, 403, 401}},
    {"POST", "/api/v1/accounts", "none", {401, 403, 403, 403, 403, 403, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/accounts/{id}/disable",
     "same_unit",
     {401, 403, 403, 403, 403, 403, 403, 200, 403, 401}},
    {"POST",
     "/api/v1/accounts/{id}/disable",
     "other_org",
     {401, 403, 403, 403, 403, 403, 403, 404, 403, 401}},
    {"POST",
     "/api/v1/accounts/{id}/disable",
     "nonexistent",
     {401, 403, 403, 403, 403, 403, 403, 404, 403, 401}},
    {"GET", "/api/v1/organisations", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/organisations", "none", {401, 403, 403, 403, 403, 403, 403, 403, 201, 401}},
    {"GET", "/api/v1/organisations/{id}", "own_org", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/organisations/{id}", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 200, 401}},
    {"GET", "/api/v1/organisations/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/units", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/units", "none", {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"GET", "/api/v1/units/{id}", "same_unit", {401, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/units/{id}", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/units/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"PATCH", "/api/v1/units/{id}", "same_unit", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"PATCH", "/api/v1/units/{id}", "other_org", {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"PATCH", "/api/v1/units/{id}", "nonexistent", {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"GET", "/api/v1/employees", "none", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"GET",
     "/api/v1/employees?unit_id={id}",
     "same_unit",
     {401, 403, 200, 403, 403, 200, 403, 200, 403, 401}},
    {"GET",
     "/api/v1/employees?unit_id={id}",
     "other_unit",
     {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"POST", "/api/v1/employees", "none", {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"GET", "/api/v1/employees/{id}", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET", "/api/v1/employees/{id}", "same_unit", {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET", "/api/v1/employees/{id}", "other_unit", {401, 404, 404, 404, 404, 200, 404, 200, 404, 401}},
    {"GET", "/api/v1/employees/{id}", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/employees/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/employees/{id}/employments", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/employments",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/employments",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/employments",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/employees/{id}/employments",
     "same_unit",
     {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/employments",
     "other_org",
     {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/employments",
     "nonexistent",
     {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"PATCH", "/api/v1/employments/{id}", "same_unit", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"PATCH", "/api/v1/employments/{id}", "other_org", {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"GET", "/api/v1/employees/{id}/legitimations", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/legitimations",
     "same_unit",
     {401, 404, 404, 404, 200, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/legitimations",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/employees/{id}/legitimations",
     "same_unit",
     {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/legitimations",
     "other_org",
     {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/absences",
     "same_unit",
     {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/absences",
     "other_org",
     {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"POST", "/api/v1/absences/{id}/end", "nonexistent", {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"GET", "/api/v1/courses", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/courses", "none", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/courses/{id}/versions", "own_org", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"POST",
     "/api/v1/courses/{id}/versions",
     "other_org",
     {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"POST",
     "/api/v1/courses/{id}/versions",
     "nonexistent",
     {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/courses/{id}/retire", "own_org", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/courses/{id}/retire", "other_org", {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/courses/{id}/modules", "own_org", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/courses/{id}/modules", "other_org", {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"GET", "/api/v1/courses/{id}/modules", "own_org", {401, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/courses/{id}/modules", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST", "/api/v1/modules/{id}/complete", "own_org", {401, 200, 200, 200, 403, 403, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/modules/{id}/complete",
     "other_org",
     {401, 404, 404, 404, 403, 403, 403, 403, 403, 401}},
    {"POST", "/api/v1/modules/{id}/attempts", "own_org", {401, 201, 201, 201, 403, 403, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/modules/{id}/attempts",
     "other_org",
     {401, 404, 404, 404, 403, 403, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/modules/{id}/sign-off",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 200, 200, 404, 401}},
    {"POST",
     "/api/v1/modules/{id}/sign-off",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/requirement-rules", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/requirement-rules", "none", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"POST",
     "/api/v1/requirement-rules/{id}/deactivate",
     "own_org",
     {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST",
     "/api/v1/requirement-rules/{id}/deactivate",
     "other_org",
     {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/assignments", "same_unit", {401, 403, 201, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/assignments", "other_unit", {401, 403, 400, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/assignments", "other_org", {401, 403, 400, 403, 403, 400, 400, 400, 403, 401}},
    {"POST", "/api/v1/exemptions", "same_unit", {401, 403, 201, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/exemptions", "other_unit", {401, 403, 404, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/exemptions", "other_org", {401, 403, 404, 403, 403, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/training-records", "own", {-1, 201, 201, 201, -1, -1, -1, -1, -1, -1}},
    {"POST", "/api/v1/training-records", "same_unit", {401, 404, 201, 404, 404, 201, 201, 201, 404, 401}},
    {"POST", "/api/v1/training-records", "other_unit", {401, 404, 404, 404, 404, 201, 201, 201, 404, 401}},
    {"POST", "/api/v1/training-records", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/training-records/{id}/attest",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 200, 200, 404, 401}},
    {"POST",
     "/api/v1/training-records/{id}/attest",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    // Any signed-in person may upload a certificate file (the body here is empty: 400 for all of them; the
    // training API test uploads real files).
    {"POST", "/api/v1/certificates", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    // The colleague's self-report cites no certificate: 404 for those who may see the record, as for others.
    {"GET",
     "/api/v1/training-records/{id}/certificate",
     "same_unit",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/me/training", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/delegation-tasks", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/delegation-tasks", "none", {401, 403, 403, 403, 201, 403, 403, 201, 403, 401}},
    {"POST", "/api/v1/delegations", "none", {401, 403, 403, 201, 403, 403, 403, 403, 403, 401}},
    // A draft by the delegator for the colleague: the delegator, the colleague's manager, MAS and admin.
    {"GET", "/api/v1/delegations/{id}", "same_unit", {401, 404, 200, 200, 200, 404, 404, 200, 404, 401}},
    {"GET", "/api/v1/delegations/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/delegations/{id}/events",
     "same_unit",
     {401, 404, 200, 200, 200, 404, 404, 200, 404, 401}},
    {"POST",
     "/api/v1/delegations/{id}/issue",
     "nonexistent",
     {401, 403, 403, 404, 403, 403, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/delegations/{id}/sign",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/delegations/{id}/reject",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/delegations/{id}/return",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/delegations/{id}/revoke",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/delegations/{id}/follow-ups",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    // The draft is not the caller's to sign: only its recipient signs, and only once it is issued.
    {"POST",
     "/api/v1/delegations/{id}/sign",
     "same_unit",
     {401, 404, 403, 403, 403, 404, 404, 403, 404, 401}},
    {"GET", "/api/v1/me/delegations", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",
     "/api/v1/units/{id}/delegations",
     "same_unit",
     {401, 403, 200, 403, 200, 403, 403, 200, 404, 401}},
    {"GET",
     "/api/v1/units/{id}/delegations",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/delegations",
     "same_unit",
     {401, 404, 200, 404, 200, 404, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/delegations",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    // Without a task and unit the question is incomplete (400) for those who may ask it about the person.
    {"GET",
     "/api/v1/may-perform?employee_id={id}",
     "same_unit",
     {401, 404, 400, 400, 400, 404, 404, 400, 404, 401}},
    {"POST",
     "/api/v1/units/{id}/shift-coverage",
     "same_unit",
     {401, 403, 200, 403, 200, 403, 403, 200, 404, 401}},
    {"GET", "/api/v1/delegation-history", "none", {401, 403, 403, 403, 200, 403, 403, 200, 403, 401}},
    {"GET", "/api/v1/me/notifications", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    // Sync: every signed-in account may speak the protocol; without a registered X-Device-Id it gets
    // 400, and which device and data it may use is decided per device (tests/http/sync_api_test.cpp).
    {"POST", "/sync/v1/hello", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    {"POST", "/sync/v1/push", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    {"POST", "/sync/v1/pull", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    {"GET", "/sync/v1/catalog", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/sync/v1/content/{sha256}", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    {"GET", "/sync/v1/poke", "none", {401, 400, 400, 400, 400, 400, 400, 400, 400, 401}},
    {"GET", "/api/v1/employees/{id}/title", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET", "/api/v1/employees/{id}/title", "same_unit", {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET", "/api/v1/employees/{id}/title", "other_unit", {401, 404, 404, 404, 404, 200, 404, 200, 404, 401}},
    {"GET", "/api/v1/employees/{id}/title", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/title",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"PUT", "/api/v1/employees/{id}/title", "same_unit", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"PUT", "/api/v1/employees/{id}/title", "other_org", {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"PUT",
     "/api/v1/employees/{id}/title",
     "nonexistent",
     {401, 403, 403, 403, 403, 404, 403, 404, 403, 401}},
    {"GET", "/api/v1/reports/title-transition", "none", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    // Language data: the person, the managers of their unit and HR; administrators too get 404 (it can
    // reveal origin). Recording is for the person's managers and HR.
    {"GET", "/api/v1/employees/{id}/language", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/language",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/language",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/language",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/language",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/employees/{id}/language/assessments",
     "same_unit",
     {401, 403, 201, 403, 403, 201, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/language/assessments",
     "other_unit",
     {401, 403, 404, 403, 403, 201, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/language/assessments",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 403, 403, 401}},
    // The colleague has an active plan already (made in the world): 409 shows that access was granted.
    {"POST",
     "/api/v1/employees/{id}/language/plans",
     "same_unit",
     {401, 403, 409, 403, 403, 409, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/language/plans",
     "other_unit",
     {401, 403, 404, 403, 403, 201, 403, 403, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/language/plans",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/language/requirements", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"PUT", "/api/v1/language/requirements", "none", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"GET", "/api/v1/language/supported-plans", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    // The staff member is the colleague's language ambassador in the world's plan.
    {"POST",
     "/api/v1/language/plans/{id}/follow-ups",
     "same_unit",
     {401, 200, 200, 404, 404, 200, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/language/plans/{id}/follow-ups",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/language/plans/{id}/follow-ups",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/units/{id}/language-gaps",
     "same_unit",
     {401, 403, 200, 403, 403, 200, 403, 403, 403, 401}},
    {"GET",
     "/api/v1/units/{id}/language-gaps",
     "other_unit",
     {401, 403, 404, 403, 403, 200, 403, 403, 403, 401}},
    {"GET",
     "/api/v1/units/{id}/language-gaps",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 403, 403, 401}},
    // Special roles.
    {"GET", "/api/v1/special-roles/rules", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"PUT", "/api/v1/special-roles/rules/{role}", "none", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"GET", "/api/v1/employees/{id}/special-roles", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/special-roles",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/special-roles",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/special-roles",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/employees/{id}/special-roles",
     "same_unit",
     {401, 403, 201, 403, 403, 201, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/special-roles",
     "other_unit",
     {401, 403, 404, 403, 403, 201, 403, 201, 403, 401}},
    {"POST",
     "/api/v1/employees/{id}/special-roles",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 404, 403, 401}},
    {"POST",
     "/api/v1/special-roles/{id}/end",
     "same_unit",
     {401, 403, 200, 403, 403, 200, 403, 200, 403, 401}},
    {"POST",
     "/api/v1/special-roles/{id}/end",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 404, 403, 401}},
    {"POST",
     "/api/v1/special-roles/{id}/end",
     "nonexistent",
     {401, 403, 404, 403, 403, 404, 403, 404, 403, 401}},
    {"GET",
     "/api/v1/units/{id}/special-roles",
     "same_unit",
     {401, 403, 200, 403, 403, 200, 403, 200, 403, 401}},
    {"GET",
     "/api/v1/units/{id}/special-roles",
     "other_unit",
     {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    {"GET",
     "/api/v1/units/{id}/special-roles",
     "other_org",
     {401, 403, 404, 403, 403, 404, 403, 404, 403, 401}},
    // Without unit_id the summary is the whole organisation's: HR and administrators.
    {"GET", "/api/v1/reports/competence-summary", "none", {401, 403, 403, 403, 403, 200, 403, 200, 403, 401}},
    // Dates derived from the birth date: HR and the person; a manager or administrator who may read the
    // person is refused, anyone else does not learn the person exists.
    {"GET", "/api/v1/employees/{id}/career", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET", "/api/v1/employees/{id}/career", "same_unit", {401, 404, 403, 404, 404, 200, 404, 403, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/career",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 403, 404, 401}},
    {"GET", "/api/v1/employees/{id}/career", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/career",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/employees/{id}/senior-plan", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/senior-plan",
     "same_unit",
     {401, 404, 403, 404, 404, 200, 404, 403, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/senior-plan",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 403, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/senior-plan",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/senior-plan",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"PUT", "/api/v1/employees/{id}/senior-plan", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"PUT",
     "/api/v1/employees/{id}/senior-plan",
     "same_unit",
     {401, 404, 403, 404, 404, 200, 404, 403, 404, 401}},
    {"PUT",
     "/api/v1/employees/{id}/senior-plan",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"PUT",
     "/api/v1/employees/{id}/senior-plan",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    // Workplace learning: the registers are the coordinator's, HR's and the administrator's.
    {"GET", "/api/v1/education-providers", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/education-providers", "none", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"GET", "/api/v1/education-programmes", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/education-programmes", "none", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"GET", "/api/v1/learners", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/learners", "none", {401, 403, 403, 403, 403, 201, 201, 201, 403, 401}},
    {"POST", "/api/v1/learners/{id}/link", "own_org", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/learners/{id}/link", "other_org", {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"GET", "/api/v1/placement-policy", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"PUT", "/api/v1/placement-policy", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"PUT",
     "/api/v1/units/{id}/placement-capacity",
     "same_unit",
     {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"PUT",
     "/api/v1/units/{id}/placement-capacity",
     "other_org",
     {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    {"PUT",
     "/api/v1/employees/{id}/capacity",
     "same_unit",
     {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"PUT",
     "/api/v1/employees/{id}/capacity",
     "other_org",
     {401, 403, 403, 403, 403, 404, 404, 404, 403, 401}},
    // Who can take a student: the registers' keepers for every unit, a manager for their own.
    {"GET",
     "/api/v1/placement-availability?from=2027-01-01&to=2027-01-31",
     "none",
     {401, 403, 200, 403, 403, 200, 200, 200, 403, 401}},
    // A placement: its unit's managers and the keepers; its supervisor reads and documents it. Steps past
    // the access check answer with the state's or the body's fault, which shows access was granted.
    {"POST", "/api/v1/placements", "none", {401, 403, 201, 403, 403, 201, 201, 201, 403, 401}},
    {"GET", "/api/v1/placements/{id}", "same_unit", {401, 404, 200, 404, 404, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/placements/{id}", "other_unit", {401, 404, 404, 404, 404, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/placements/{id}", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/placements/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/confirm",
     "same_unit",
     {401, 404, 400, 404, 404, 400, 400, 400, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/confirm",
     "other_unit",
     {401, 404, 404, 404, 404, 400, 400, 400, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/confirm",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/start",
     "same_unit",
     {401, 404, 409, 404, 404, 409, 409, 409, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/start",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/meeting",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 200, 200, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/meeting",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/complete",
     "same_unit",
     {401, 404, 409, 404, 404, 409, 409, 409, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/complete",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/cancel",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 200, 200, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/cancel",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 200, 200, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/cancel",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    // Only the supervisor writes notes: everyone else who may read the placement gets 403.
    {"POST",
     "/api/v1/placements/{id}/notes",
     "same_unit",
     {401, 404, 403, 404, 404, 403, 403, 403, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/notes",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/hours",
     "same_unit",
     {401, 404, 409, 404, 404, 409, 409, 409, 404, 401}},
    {"POST",
     "/api/v1/placements/{id}/hours",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/units/{id}/placements", "same_unit", {401, 403, 200, 403, 403, 200, 200, 200, 404, 401}},
    {"GET",
     "/api/v1/units/{id}/placements",
     "other_unit",
     {401, 403, 403, 403, 403, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/units/{id}/placements", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/me/placements", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    // Mentorship: programmes are HR's; pairs are the mentee's managers' and HR's; the two keep the log.
    {"GET", "/api/v1/mentorship-programmes", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST", "/api/v1/mentorship-programmes", "none", {401, 403, 403, 403, 403, 201, 403, 201, 403, 401}},
    {"POST", "/api/v1/mentorships", "own", {-1, 403, 403, 403, -1, -1, -1, -1, -1, -1}},
    {"POST", "/api/v1/mentorships", "same_unit", {401, 404, 201, 404, 404, 201, 404, 201, 404, 401}},
    {"POST", "/api/v1/mentorships", "other_unit", {401, 404, 404, 404, 404, 201, 404, 201, 404, 401}},
    {"POST", "/api/v1/mentorships", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/mentorships/{id}", "same_unit", {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET", "/api/v1/mentorships/{id}", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/mentorships/{id}", "nonexistent", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/mentorships/{id}/meetings",
     "same_unit",
     {401, 404, 403, 404, 404, 403, 404, 403, 404, 401}},
    {"POST",
     "/api/v1/mentorships/{id}/meetings",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST", "/api/v1/mentorships/{id}/end", "same_unit", {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"POST", "/api/v1/mentorships/{id}/end", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/mentorships/{id}/end",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/employees/{id}/mentorships", "own", {-1, 200, 200, 200, -1, -1, -1, -1, -1, -1}},
    {"GET",
     "/api/v1/employees/{id}/mentorships",
     "same_unit",
     {401, 404, 200, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/mentorships",
     "other_unit",
     {401, 404, 404, 404, 404, 200, 404, 200, 404, 401}},
    {"GET",
     "/api/v1/employees/{id}/mentorships",
     "other_org",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/me/mentorships", "none", {401, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
    // Built from birth dates: HR only.
    {"GET",
     "/api/v1/reports/workforce-projection",
     "none",
     {401, 403, 403, 403, 403, 200, 403, 403, 403, 401}},
    // A notification is its recipient's alone: the colleague's is not found for anyone else.
    {"POST",
     "/api/v1/me/notifications/{id}/read",
     "same_unit",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",
     "/api/v1/me/notifications/{id}/read",
     "nonexistent",
     {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/units/{id}/compliance", "same_unit", {401, 403, 200, 403, 403, 200, 200, 200, 404, 401}},
    {"GET",
     "/api/v1/units/{id}/compliance",
     "other_unit",
     {401, 403, 403, 403, 403, 200, 200, 200, 404, 401}},
    {"GET", "/api/v1/units/{id}/compliance", "other_org", {401, 404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"GET", "/api/v1/training/expiring", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"GET", "/api/v1/training/overdue", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"GET", "/api/v1/training/summary", "none", {401, 403, 403, 403, 403, 200, 200, 200, 403, 401}},
    {"GET", "/api/v1/audit", "none", {401, 403, 403, 403, 200, 403, 403, 200, 403, 401}},
    {"GET", "/api/v1/audit/verify", "none", {401, 403, 403, 403, 200, 403, 403, 200, 403, 401}},
    // Last: it ends the caller's session.
    {"POST", "/api/v1/auth/logout", "none", {401, 204, 204, 204, 204, 204, 204, 204, 204, 401}},
};

struct world : test::api_harness
{
    std::map<std::string, std::string> token;       // caller → bearer token
    std::map<std::string, std::string> employee_of; // caller → own employee id
    std::map<std::string, std::string> ids;         // "<kind>:<target>" → id
    std::string course_a;
    std::string task_a, colleague_, unit_a;
    int serial = 0;
    std::string person_target; // whom a body names, for routes that take the person in the body
    std::string current_caller;

    world()
    {
        auto const u1 = unit(hr_a, "Enhet 1");
        auto const u2 = unit(hr_a, "Enhet 2");
        auto const ub = unit(hr_b, "B:s enhet");
        auto const s = person(hr_a, "Stina", u1);
        auto const m = person(hr_a, "Maja", u1);
        auto const n = person(hr_a, "Nora", u1);
        auto const c = person(hr_a, "Carl", u1);
        auto const o = person(hr_a, "Otto", u2);
        auto const b = person(hr_b, "Bea", ub);
        employee_of = {{"staff", s}, {"manager", m}, {"delegator", n}};

        token["staff"] = account_token(org_a, "m-staff", only(core::role::staff), s);
        token["manager"] = account_token(org_a, "m-manager", core::role::manager | core::role::staff, m);
        token["delegator"] =
            account_token(org_a, "m-delegator", core::role::delegator | core::role::staff, n);
        token["medical_lead"] = account_token(org_a, "m-mas", only(core::role::medical_lead));
        token["hr"] = hr_a;
        token["education"] = account_token(org_a, "m-edu", only(core::role::education_coordinator));
        token["admin"] = admin_a;
        token["operator"] = operator_token;
        token["disabled"] = account_token(org_a, "m-disabled", only(core::role::staff));
        auto const colleague = account_token(org_a, "m-colleague", only(core::role::staff), c);
        account_token(org_a, "m-probe", only(core::role::staff));

        auto id_of = [&](std::string const& tok) {
            return text(json_of(call("GET", "/api/v1/me", "", tok)), "account_id");
        };
        auto device_of = [&](std::string const& tok, std::string const& dev) {
            REQUIRE(
                call("POST", "/api/v1/devices", R"({"device_id":")" + dev + R"(","platform":"ios"})", tok)
                    .status == 201
            );
            return dev;
        };
        REQUIRE(
            call("POST", "/api/v1/accounts/" + id_of(token["disabled"]) + "/disable", "", admin_a).status ==
            200
        );

        std::string const nowhere = "01a207fe-ffff-7fff-bfff-ffffffffffff";
        auto make_course = [&](std::string const& tok, std::string const& code) {
            auto r = call(
                "POST",
                "/api/v1/courses",
                R"({"code":")" + code + R"(","title":"T","kind":"classroom","validity_months":12})",
                tok
            );
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        auto make_rule = [&](std::string const& tok, std::string const& course_id) {
            auto r = call(
                "POST",
                "/api/v1/requirement-rules",
                R"({"course_id":")" + course_id + R"(","scope_kind":"unit_kind","scope_value":"other"})",
                tok
            );
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        course_a = make_course(hr_a, "MATRIX-A");
        auto make_module = [&](std::string const& tok, std::string const& course_id, std::string const& body
                           ) {
            auto r = call("POST", "/api/v1/courses/" + course_id + "/modules", body, tok);
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        auto const course_b = make_course(hr_b, "MATRIX-B");
        auto const record = call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + c + R"(","course_id":")" + course_a + R"(","completed_on":"2026-11-01"})",
            colleague
        );
        REQUIRE(record.status == 201);
        auto const record_b = call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + b + R"(","course_id":")" + course_b + R"(","completed_on":"2026-11-01"})",
            hr_b
        );
        REQUIRE(record_b.status == 201);
        // A reminder for the colleague: a course due in two days puts one in their outbox.
        REQUIRE(
            call(
                "POST",
                "/api/v1/assignments",
                R"({"employee_ids":[")" + c + R"("],"course_id":")" + make_course(hr_a, "MATRIX-NOTE") +
                    R"(","due_date":"2026-11-25"})",
                hr_a
            )
                .status == 201
        );
        auto const reminders = json_of(call("GET", "/api/v1/me/notifications", "", colleague));
        REQUIRE(reminders.at("items").as_array().size() == 1);
        auto const colleague_note =
            std::string(reminders.at("items").as_array()[0].as_object().at("id").as_string());
        // The delegator holds a legitimation, the catalogue has a task, and a draft exists for the colleague.
        REQUIRE(
            call(
                "POST",
                "/api/v1/employees/" + n + "/legitimations",
                R"({"profession":"registered_nurse","registry_ref":"SE-M1","verified_on":"2026-11-01"})",
                hr_a
            )
                .status == 201
        );
        auto const made_task = call(
            "POST",
            "/api/v1/delegation-tasks",
            R"({"code":"MATRIX-SAR","name":"Sår","category":"wound_care"})",
            admin_a
        );
        REQUIRE(made_task.status == 201);
        task_a = text(json_of(made_task), "id");
        auto const draft = call(
            "POST",
            "/api/v1/delegations",
            R"({"delegate_id":")" + c + R"(","task_ids":[")" + task_a + R"("],"unit_ids":[")" + u1 +
                R"("],"valid_from":"2026-11-23","valid_to":"2027-05-31"})",
            token["delegator"]
        );
        REQUIRE(draft.status == 201);
        colleague_ = c;
        unit_a = u1;
        // The colleague's language plan, with the staff member as language ambassador; one in B too.
        auto const plan = [&](std::string const& tok, std::string const& who, std::string const& ambassador) {
            auto r = call(
                "POST",
                "/api/v1/employees/" + who + "/language/plans",
                R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15","supports":[{"kind":"language_ambassador","person_id":")" +
                    ambassador + R"("}]})",
                tok
            );
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        // Special roles to end: the staff member's in A, Bea's in B.
        auto const role = [&](std::string const& tok, std::string const& who, std::string const& unit_id) {
            auto r = call(
                "POST",
                "/api/v1/employees/" + who + "/special-roles",
                R"({"role":"hygiene_ambassador","unit_id":")" + unit_id + "\"}",
                tok
            );
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        auto const b2 = person(hr_b, "Berit", ub);
        // Workplace learning in both organisations: a learner and requested placements in each unit.
        auto const made = [&](std::string const& tok, std::string const& path, std::string const& body) {
            auto r = call("POST", path, body, tok);
            INFO(path << " " << r.body);
            REQUIRE(r.status == 201);
            return text(json_of(r), "id");
        };
        auto const learning = [&](std::string const& tok) {
            auto const provider =
                made(tok, "/api/v1/education-providers", R"({"name":"Skola","kind":"other"})");
            auto const programme = made(
                tok,
                "/api/v1/education-programmes",
                R"({"provider_id":")" + provider + R"(","name":"VO","form":"apl"})"
            );
            return std::pair{
                programme,
                made(
                    tok,
                    "/api/v1/learners",
                    R"({"given_name":"Elev","family_name":"E","programme_id":")" + programme + "\"}"
                )};
        };
        auto const [programme_a_, learner_a_] = learning(hr_a);
        auto const [programme_b_, learner_b] = learning(hr_b);
        programme_a = programme_a_;
        learner_a = learner_a_;
        (void)programme_b_;
        place_b = [this, learner_b = learner_b, ub] { return placement(hr_b, learner_b, ub); };
        learner_employee = person(hr_a, "Lärling", u2);
        // Mentorship: a mentor in Enhet 2 with room for everyone the matrix pairs her with.
        mentor_a = person(hr_a, "Mentor", u2);
        REQUIRE(
            call("PUT", "/api/v1/employees/" + mentor_a + "/capacity", R"({"max_mentees":20})", hr_a)
                .status == 200
        );
        ment_programme_a =
            made(hr_a, "/api/v1/mentorship-programmes", R"({"name":"Favo","kind":"new_employee"})");
        auto const ment_programme_b =
            made(hr_b, "/api/v1/mentorship-programmes", R"({"name":"Favo","kind":"new_employee"})");
        auto const pair = [&](std::string const& tok,
                              std::string const& prog,
                              std::string const& mentor,
                              std::string const& mentee) {
            return made(
                tok,
                "/api/v1/mentorships",
                R"({"programme_id":")" + prog + R"(","mentor_id":")" + mentor + R"(","mentee_id":")" +
                    mentee + R"(","starts_on":"2026-11-23","ends_on":"2027-05-31"})"
            );
        };
        ids = {
            {"placement:same_unit", placement(hr_a, learner_a, u1)},
            {"placement:other_unit", placement(hr_a, learner_a, u2)},
            {"placement:other_org", place_b()},
            {"placement:nonexistent", nowhere},
            {"learner:own_org", learner_a},
            {"learner:other_org", learner_b},
            {"mentorship:same_unit", pair(hr_a, ment_programme_a, mentor_a, c)},
            {"mentorship:other_org", pair(hr_b, ment_programme_b, b2, b)},
            {"mentorship:nonexistent", nowhere},
            {"delegation:same_unit", text(json_of(draft), "id")},
            {"delegation:nonexistent", nowhere},
            {"absence:nonexistent", nowhere},
            {"notification:same_unit", colleague_note},
            {"notification:nonexistent", nowhere},
            {"unit:same_unit", u1},
            {"unit:other_unit", u2},
            {"unit:other_org", ub},
            {"unit:nonexistent", nowhere},
            {"employee:same_unit", c},
            {"employee:other_unit", o},
            {"employee:other_org", b},
            {"employee:nonexistent", nowhere},
            {"organisation:own_org", org_a},
            {"organisation:other_org", org_b},
            {"organisation:nonexistent", nowhere},
            {"device:same_unit", device_of(colleague, "01a207fe-0000-7000-8000-00000000c001")},
            {"device:other_org", device_of(hr_b, "01a207fe-0000-7000-8000-00000000b001")},
            {"device:nonexistent", nowhere},
            {"account:same_unit", id_of(colleague)},
            {"account:other_org", id_of(hr_b)},
            {"account:nonexistent", nowhere},
            {"employment:same_unit", employment_of(c)},
            {"course:own_org", course_a},
            {"course:other_org", course_b},
            {"course:nonexistent", nowhere},
            {"course_retire:own_org", make_course(hr_a, "MATRIX-RETIRE")},
            {"course_retire:other_org", course_b},
            {"rule:own_org", make_rule(hr_a, course_a)},
            {"rule:other_org", make_rule(hr_b, course_b)},
            {"record:same_unit", text(json_of(record), "id")},
            {"module_reading:own_org", make_module(hr_a, course_a, R"({"kind":"reading","title":"Läs"})")},
            {"module_reading:other_org", make_module(hr_b, course_b, R"({"kind":"reading","title":"Läs"})")},
            {"module_quiz:own_org",
             make_module(
                 hr_a,
                 course_a,
                 R"({"kind":"quiz","title":"Test","passing_score":100,"questions":[{"prompt":"?","options":["a","b"],"correct":0}]})"
             )},
            {"module_quiz:other_org",
             make_module(
                 hr_b,
                 course_b,
                 R"({"kind":"quiz","title":"Test","passing_score":100,"questions":[{"prompt":"?","options":["a","b"],"correct":0}]})"
             )},
            {"module_practical:same_unit",
             make_module(hr_a, course_a, R"({"kind":"practical","title":"Gör"})")},
            {"module_practical:other_org",
             make_module(hr_b, course_b, R"({"kind":"practical","title":"Gör"})")},
            {"record:other_org", text(json_of(record_b), "id")},
            {"person:own", ""},
            {"person:same_unit", c},
            {"person:other_unit", o},
            {"person:other_org", b},
            {"employment:other_org", employment_of_b(b)},
            {"language_plan:same_unit", plan(hr_a, c, s)},
            {"language_plan:other_org", plan(hr_b, b, b2)},
            {"language_plan:nonexistent", nowhere},
            {"role:same_unit", role(hr_a, s, u1)},
            {"role:other_org", role(hr_b, b, ub)},
            {"role:nonexistent", nowhere},
        };
    }

    std::string programme_a, learner_a, learner_employee, mentor_a, ment_programme_a;

    std::string provider_of_a()
    {
        auto const list = json_of(call("GET", "/api/v1/education-providers", "", hr_a));
        return std::string(list.at("items").as_array()[0].at("id").as_string());
    }
    std::function<std::string()> place_b;

    /** A requested placement in the unit, made by that organisation's HR. */
    std::string placement(std::string const& tok, std::string const& learner, std::string const& unit_id)
    {
        auto r = call(
            "POST",
            "/api/v1/placements",
            R"({"learner_id":")" + learner + R"(","unit_id":")" + unit_id +
                R"(","starts_on":"2027-01-11","ends_on":"2027-02-19"})",
            tok
        );
        INFO(r.body);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    std::string employment_of(std::string const& employee)
    {
        auto r = call("GET", "/api/v1/employees/" + employee + "/employments", "", hr_a);
        return std::string(json_of(r).at("items").as_array()[0].as_object().at("id").as_string());
    }
    std::string employment_of_b(std::string const& employee)
    {
        auto r = call("GET", "/api/v1/employees/" + employee + "/employments", "", hr_b);
        return std::string(json_of(r).at("items").as_array()[0].as_object().at("id").as_string());
    }

    static std::string kind_of(std::string const& path)
    {
        if (path.rfind("/api/v1/placements/", 0) == 0)
            return "placement";
        if (path.rfind("/api/v1/learners/", 0) == 0)
            return "learner";
        if (path.rfind("/api/v1/mentorships/", 0) == 0)
            return "mentorship";
        if (path.find("/language/plans/") != std::string::npos)
            return "language_plan";
        if (path.find("/special-roles/") != std::string::npos && path.find("/end") != std::string::npos)
            return "role";
        if (path.find("/notifications/") != std::string::npos)
            return "notification";
        if (path.rfind("/api/v1/delegations/", 0) == 0)
            return "delegation";
        if (path.rfind("/api/v1/absences/", 0) == 0)
            return "absence";
        if (path.find("may-perform") != std::string::npos)
            return "employee";
        if (path.find("/retire") != std::string::npos)
            return "course_retire";
        if (path.find("/modules/") != std::string::npos && path.find("/courses/") == std::string::npos)
        {
            if (path.find("/complete") != std::string::npos)
                return "module_reading";
            if (path.find("/attempts") != std::string::npos)
                return "module_quiz";
            return "module_practical";
        }
        if (path.find("/courses/") != std::string::npos)
            return "course";
        if (path.find("/requirement-rules/") != std::string::npos)
            return "rule";
        if (path.find("/training-records/") != std::string::npos)
            return "record";
        if (path.find("/devices/") != std::string::npos)
            return "device";
        if (path.find("/accounts/") != std::string::npos)
            return "account";
        if (path.find("/employments/") != std::string::npos)
            return "employment";
        if (path.find("/employees") != std::string::npos && path.find("unit_id") == std::string::npos)
            return "employee";
        if (path.find("/organisations/") != std::string::npos)
            return "organisation";
        return "unit";
    }

    std::string target_id(row const& r, std::string const& caller)
    {
        std::string const t = r.target;
        if (t == "own")
            return employee_of.at(caller);
        // Cancelling is for good: each caller cancels a placement of their own.
        if (kind_of(r.path) == "placement" && std::string(r.path).find("/cancel") != std::string::npos)
        {
            if (t == "same_unit")
                return placement(hr_a, learner_a, ids.at("unit:same_unit"));
            if (t == "other_unit")
                return placement(hr_a, learner_a, ids.at("unit:other_unit"));
            return place_b();
        }
        return ids.at(kind_of(r.path) + ":" + t);
    }

    // A valid body for each writing route, unique where uniqueness matters.
    std::string body_for(row const& r)
    {
        std::string const p = r.path;
        std::string const m = r.method;
        auto const n = std::to_string(++serial);
        if (p == "/sync/v1/hello")
            return R"({"app_version":"1.0","schema_version":1})";
        if (p == "/sync/v1/pull")
            return R"({"schema_version":1})";
        if (p == "/sync/v1/push")
            return R"({"lane":"normal","schema_version":1,"mutations":[]})";
        if (p == "/api/v1/auth/login")
            return R"({"username":"m-probe","password":"lösenord-för-test"})";
        if (p == "/api/v1/auth/refresh")
            return R"({"refresh_token":")" + std::string(43, 'r') + "\"}";
        if (p == "/api/v1/devices")
            return R"({"device_id":"01a207fe-0000-7000-8000-)" + std::string(12 - n.size(), '0') + n +
                   R"(","platform":"android"})";
        if (p == "/api/v1/accounts")
            return R"({"username":"ny-)" + n + R"(","password":"ett långt lösenord","roles":["staff"]})";
        if (p == "/api/v1/organisations")
            return R"({"name":"Ny )" + n + R"(","kind":"private_provider"})";
        if (p == "/api/v1/units" && m == "POST")
            return R"({"name":"Ny )" + n + R"(","kind":"other"})";
        if (p == "/api/v1/units/{id}")
            return R"({"name":"Omdöpt )" + n + "\"}";
        if (p == "/api/v1/employees" && m == "POST")
            return R"({"given_name":"Ny","family_name":"Person )" + n + "\"}";
        if (p == "/api/v1/employees/{id}/employments")
            return R"({"profession":"care_assistant","form":"hourly","start_date":"2026-01-01","unit_ids":[")" +
                   ids.at("unit:same_unit") + "\"]}";
        if (p == "/api/v1/employments/{id}")
            return R"({"fte":0.5})";
        if (p == "/api/v1/employees/{id}/absences")
            return R"({"from_date":"2026-11-01"})";
        if (p == "/api/v1/absences/{id}/end")
            return R"({"to_date":"2026-12-01"})";
        if (p == "/api/v1/delegation-tasks")
            return R"({"code":"T-)" + n + R"(","name":"Uppgift","category":"other"})";
        if (p == "/api/v1/delegations")
            return R"({"delegate_id":")" + colleague_ + R"(","task_ids":[")" + task_a +
                   R"("],"unit_ids":[")" + unit_a +
                   R"("],"valid_from":"2026-11-23","valid_to":"2027-01-31"})";
        if (p == "/api/v1/delegations/{id}/follow-ups")
            return R"({"outcome":"continue","observation":"performed_as_instructed"})";
        if (p == "/api/v1/delegations/{id}/sign")
            return R"({"password":"lösenord-för-test","self_assessment_confirmed":true})";
        if (p == "/api/v1/units/{id}/shift-coverage")
            return R"({"employee_ids":[")" + colleague_ + R"("],"task_ids":[")" + task_a + "\"]}";
        if (p == "/api/v1/courses")
            return R"({"code":"NY-)" + n + R"(","title":"Ny kurs","kind":"e_learning"})";
        if (p == "/api/v1/courses/{id}/modules")
            return R"({"kind":"reading","title":"Ny del )" + n + "\"}";
        if (p == "/api/v1/modules/{id}/attempts")
            return R"({"answers":[1]})";
        if (p == "/api/v1/modules/{id}/sign-off")
            return R"({"employee_id":")" + ids.at("person:" + std::string(r.target)) + "\"}";
        if (p == "/api/v1/courses/{id}/versions")
            return R"({"validity_months":24})";
        if (p == "/api/v1/requirement-rules")
            return R"({"course_id":")" + course_a +
                   R"(","scope_kind":"profession","scope_value":"care_assistant"})";
        if (p == "/api/v1/assignments" || p == "/api/v1/exemptions" || p == "/api/v1/training-records")
        {
            auto const who = person_target;
            if (p == "/api/v1/assignments")
                return R"({"employee_ids":[")" + who + R"("],"course_id":")" + course_a +
                       R"(","due_date":"2026-12-31"})";
            if (p == "/api/v1/exemptions")
                return R"({"employee_id":")" + who + R"(","course_id":")" + course_a +
                       R"(","reason":"test"})";
            return R"({"employee_id":")" + who + R"(","course_id":")" + course_a +
                   R"(","completed_on":"2026-11-0)" + std::to_string(1 + serial % 9) + "\"}";
        }
        if (p == "/api/v1/employees/{id}/title")
            return R"({"status":"certificate_applied"})";
        if (p == "/api/v1/employees/{id}/language/assessments")
            return R"({"skill":"speaking","level":"B1","method":"employer_assessment","assessed_on":"2026-11-02","assessor_external":"Komvux"})";
        if (p == "/api/v1/employees/{id}/language/plans")
            return R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15"})";
        if (p == "/api/v1/language/requirements")
            return R"({"default_level":"B2"})";
        if (p == "/api/v1/language/plans/{id}/follow-ups")
            return R"({"id":"01a207fe-0000-7000-9000-)" + std::string(12 - n.size(), '0') + n +
                   R"(","held_on":"2026-11-20","outcome":"on_track","next_follow_up_on":"2027-02-15"})";
        if (p == "/api/v1/special-roles/rules/{role}")
            return "{}";
        if (p == "/api/v1/employees/{id}/senior-plan")
            return R"({"wishes":[{"kind":"fewer_nights"}]})";
        if (p == "/api/v1/employees/{id}/special-roles" && m == "POST")
        {
            // A role of their own for each caller who may give one, so none collides with another's.
            std::string const role = current_caller == "hr"      ? "documentation_ambassador"
                                     : current_caller == "admin" ? "apl_supervisor"
                                                                 : "hygiene_ambassador";
            return R"({"role":")" + role + R"(","unit_id":")" + ids.at("unit:" + std::string(r.target)) +
                   "\"}";
        }
        if (p == "/api/v1/employees/{id}/legitimations")
            return R"({"profession":"registered_nurse","registry_ref":"SE-)" + n +
                   R"(","verified_on":"2026-11-01"})";
        auto const uuid = [&](char const* prefix) {
            return std::string(prefix) + std::string(12 - n.size(), '0') + n;
        };
        if (p == "/api/v1/education-providers" && m == "POST")
            return R"({"name":"Skola )" + n + R"(","kind":"other"})";
        if (p == "/api/v1/education-programmes" && m == "POST")
            return R"({"provider_id":")" + provider_of_a() + R"(","name":"Program )" + n +
                   R"(","form":"lia"})";
        if (p == "/api/v1/learners" && m == "POST")
            return R"({"given_name":"Ny","family_name":"Elev )" + n + R"(","programme_id":")" + programme_a +
                   "\"}";
        if (p == "/api/v1/learners/{id}/link")
            return R"({"employee_id":")" + learner_employee + "\"}";
        if (p == "/api/v1/placement-policy")
            return "{}";
        if (p == "/api/v1/units/{id}/placement-capacity")
            return R"({"max_students":3})";
        if (p == "/api/v1/employees/{id}/capacity")
            return R"({"max_students":2,"max_mentees":3})";
        if (p == "/api/v1/placements" && m == "POST")
            return R"({"learner_id":")" + learner_a + R"(","unit_id":")" + unit_a +
                   R"(","starts_on":"2027-01-11","ends_on":"2027-02-19"})";
        if (p == "/api/v1/placements/{id}/meeting")
            return R"({"planned_on":"2027-01-20"})";
        if (p == "/api/v1/placements/{id}/notes")
            return R"({"note_id":")" + uuid("01a207fe-0000-7000-a000-") +
                   R"(","written_on":"2027-01-12","area":"care_tasks","progress":"introduced"})";
        if (p == "/api/v1/placements/{id}/hours")
            return R"({"worked_on":"2027-01-12","hours":4})";
        if (p == "/api/v1/mentorship-programmes" && m == "POST")
            return R"({"name":"Program )" + n + R"(","kind":"leadership"})";
        if (p == "/api/v1/mentorships" && m == "POST")
            return R"({"programme_id":")" + ment_programme_a + R"(","mentor_id":")" + mentor_a +
                   R"(","mentee_id":")" + person_target +
                   R"(","starts_on":"2026-11-23","ends_on":"2027-05-31"})";
        if (p == "/api/v1/mentorships/{id}/meetings")
            return R"({"meeting_id":")" + uuid("01a207fe-0000-7000-b000-") +
                   R"(","met_on":"2026-11-23","topics":["career"]})";
        return "";
    }

    // The current version of what a PATCH targets, read as someone allowed to, so that only access decides.
    http::header_list if_match(row const& r, std::string const& id)
    {
        std::string const p = r.path;
        std::string reader = std::string(r.target) == "other_org" ? hr_b : hr_a;
        std::string version = "1";
        if (r.method == std::string("PUT") && p == "/api/v1/employees/{id}/title")
        {
            (void)id; // the last path segment here is "title": the person comes from the row's target
            auto const who = ids.count("employee:" + std::string(r.target))
                                 ? ids.at("employee:" + std::string(r.target))
                                 : std::string("none");
            auto got = call("GET", "/api/v1/employees/" + who + "/title", "", reader);
            version = got.status == 200 ? std::to_string(json_of(got).at("version").as_int64()) : "0";
            return {{"If-Match", "\"" + version + "\""}};
        }
        if (r.method == std::string("PUT") && p == "/api/v1/employees/{id}/senior-plan")
        {
            auto const target = std::string(r.target);
            auto const who = target == "own"                   ? employee_of.at(current_caller)
                             : ids.count("employee:" + target) ? ids.at("employee:" + target)
                                                               : std::string("none");
            auto got = call("GET", "/api/v1/employees/" + who + "/senior-plan", "", reader);
            version = got.status == 200 ? std::to_string(json_of(got).at("version").as_int64()) : "0";
            return {{"If-Match", "\"" + version + "\""}};
        }
        if (r.method == std::string("PUT") && p == "/api/v1/placement-policy")
        {
            auto got = call("GET", p, "", reader);
            return {{"If-Match", "\"" + std::to_string(json_of(got).at("version").as_int64()) + "\""}};
        }
        if (r.method == std::string("PUT") && p == "/api/v1/language/requirements")
        {
            auto got = call("GET", p, "", reader);
            return {{"If-Match", "\"" + std::to_string(json_of(got).at("version").as_int64()) + "\""}};
        }
        if (r.method == std::string("PUT") && p == "/api/v1/special-roles/rules/{role}")
        {
            auto const got = json_of(call("GET", "/api/v1/special-roles/rules", "", reader));
            for (auto const& rule : got.at("items").as_array())
                if (rule.at("role").as_string() == "hygiene_ambassador")
                    version = std::to_string(rule.at("version").as_int64());
            return {{"If-Match", "\"" + version + "\""}};
        }
        if (r.method != std::string("PATCH"))
            return {};
        if (p == "/api/v1/units/{id}")
        {
            auto got = call("GET", "/api/v1/units/" + id, "", reader);
            if (got.status == 200)
                version = std::to_string(json_of(got).at("version").as_int64());
        }
        else
        {
            auto const emp = std::string(r.target) == "other_org" ? ids.at("employee:other_org")
                                                                  : ids.at("employee:same_unit");
            auto got = call("GET", "/api/v1/employees/" + emp + "/employments", "", reader);
            if (got.status == 200)
                version =
                    std::to_string(json_of(got).at("items").as_array()[0].as_object().at("version").as_int64()
                    );
        }
        return {{"If-Match", "\"" + version + "\""}};
    }
};

} // namespace

TEST_CASE("authorization matrix: every route, every role, every relation", "[http][authz]")
{
    world w;
    int unexpected_allows = 0, unexpected_denies = 0, checked = 0;
    for (auto const& r : table)
    {
        for (std::size_t c = 0; c < callers.size(); ++c)
        {
            int const want = r.expect[c];
            if (want < 0)
                continue;
            std::string const caller = callers[c];
            std::string path = r.path;
            if (auto at = path.find("{id}"); at != std::string::npos)
                path.replace(at, 4, w.target_id(r, caller));
            if (auto at = path.find("{role}"); at != std::string::npos)
                path.replace(at, 6, "hygiene_ambassador");
            w.current_caller = caller;
            auto const tok = caller == "anonymous" ? std::string() : w.token.at(caller);
            if (std::string(r.path).find("{id}") == std::string::npos && std::string(r.target) != "none")
                w.person_target = std::string(r.target) == "own"
                                      ? w.employee_of.at(caller)
                                      : w.ids.at("person:" + std::string(r.target));
            auto res =
                w.call(r.method, path, w.body_for(r), tok, w.if_match(r, path.substr(path.rfind('/') + 1)));
            ++checked;
            bool const allowed = res.status < 400;
            bool const want_allowed = want < 400;
            if (allowed && !want_allowed)
                ++unexpected_allows;
            if (!allowed && want_allowed)
                ++unexpected_denies;
            INFO(r.method << " " << r.path << " [" << r.target << "] as " << caller << ": " << res.body);
            CHECK(res.status == want);
        }
    }
    CHECK(unexpected_allows == 0);
    CHECK(unexpected_denies == 0);
    CHECK(checked > 400);
}

TEST_CASE("every route of the router has a row in the authorization matrix", "[http][authz]")
{
    std::set<std::string> covered;
    for (auto const& r : table)
    {
        std::string p = r.path;
        p = p.substr(0, p.find('?'));
        covered.insert(std::string(r.method) + " " + p);
    }
    for (auto const& route : http::api_routes())
    {
        INFO("no matrix row for " << route.method << " " << route.path);
        CHECK(covered.count(std::string(route.method) + " " + std::string(route.path)) == 1);
    }
}
