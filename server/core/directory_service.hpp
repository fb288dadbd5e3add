#pragma once
#include "server/core/access_policy.hpp"
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"

namespace kompetens::core {

/** Changes to an existing unit; absent fields stay as they are. */
struct unit_patch
{
    std::optional<std::string> name;
    std::optional<std::string> kind;
    std::optional<std::optional<std::string>> parent_id; // set to nullopt-inside to make it a root
};

/** Changes to an employment: ending it, changing extent or units. */
struct employment_patch
{
    std::optional<std::optional<std::string>> end_date;
    std::optional<int> fte_per_mille;
    std::optional<std::vector<std::string>> unit_ids;
    std::optional<std::string> profession;
};

/** The use cases for organisations, units, employees and employments. Synchronous; its only I/O goes
    through `directory_store` and `audit_store`, so the caller decides the transaction. Every call checks
    `decide` first and the ownership of every id it is given; every change, and every read of another
    person's record, is appended to the audit trail. Refusals come back as `failure`; broken invariants
    throw. */
class directory_service
{
    directory_store& store_;
    audit_store& audit_;
    clock const& clock_;

public:
    directory_service(directory_store& store, audit_store& audit, clock const& c)
        : store_(store), audit_(audit), clock_(c)
    {
    }

    result<organisation> create_organisation(principal const& p, organisation draft);
    result<organisation> get_organisation(principal const& p, std::string const& id);
    result<page<organisation>> list_organisations(principal const& p, page_request const& pr);

    result<unit> create_unit(principal const& p, unit draft);
    result<unit> get_unit(principal const& p, std::string const& id);
    result<page<unit>> list_units(principal const& p, unit_filter const& f, page_request const& pr);
    result<unit>
    update_unit(principal const& p, std::string const& id, unit_patch const& patch, int expected);

    result<employee> create_employee(principal const& p, employee draft);
    result<employee> get_employee(principal const& p, std::string const& id);
    result<page<employee>> list_employees(principal const& p, employee_filter f, page_request const& pr);

    result<employment> create_employment(principal const& p, employment draft);
    result<std::vector<employment>> employments_of(principal const& p, std::string const& employee_id);
    result<employment>
    update_employment(principal const& p, std::string const& id, employment_patch const& patch, int expected);

    /** Records a verified legitimation of an employee (HR, administrators). */
    result<legitimation> record_legitimation(principal const& p, legitimation draft);
    result<std::vector<legitimation>> legitimations_of(principal const& p, std::string const& employee_id);

    /** Records that an employee is away from `from_date` (HR, administrators); no reason is kept. */
    result<absence> record_absence(principal const& p, absence draft);
    /** Sets the last day of an absence (when the person is back). */
    result<absence> end_absence(principal const& p, std::string const& id, std::string const& to_date);

    /** The units a manager answers for today (their units and everything below); empty for others. */
    std::vector<std::string> managed_units(principal const& p);
    /** How the caller stands to a person (self, managed today, other): what person-level reads decide on. */
    relation relation_to(principal const& p, std::string const& employee_id);
    /** Everyone with an employment in `unit_id` on `day`, all pages; no access check (for use cases that
        decided access to the unit already). */
    std::vector<employee>
    employed_in(std::string const& org, std::string const& unit_id, std::string const& day);

private:
    std::optional<failure> check_units(principal const& p, employment const& e);
    void redact(principal const& p, relation r, employee& e) const;
    void note(principal const& p, std::string action, std::string type, std::string id);
};

} // namespace kompetens::core
