#pragma once
#include "server/core/absence.hpp"
#include "server/core/employee.hpp"
#include "server/core/employment.hpp"
#include "server/core/legitimation.hpp"
#include "server/core/organisation.hpp"
#include "server/core/page.hpp"
#include "server/core/unit.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

struct unit_filter
{
    std::optional<std::string> kind;
    std::optional<std::string> parent_id;
};

struct employee_filter
{
    std::optional<std::string> unit_id;    // has an employment in this unit that is current on `active_on`
    std::optional<std::string> profession; // likewise
    std::optional<std::string> active_on;  // YYYY-MM-DD; with unit_id or profession, defaults to today
};

/** The port through which the directory use cases read and write. Implemented by server/storage on one
    database session inside one transaction; every read is scoped to an organisation. Throws only for
    infrastructure failures. `update_*` return false when the stored version differs from `expected`. */
class directory_store
{
public:
    virtual ~directory_store() = default;

    virtual std::optional<organisation> find_organisation(std::string const& id) = 0;
    virtual page<organisation>
    list_organisations(std::optional<std::string> const& only, page_request const&) = 0;
    virtual void insert_organisation(organisation const& o) = 0;

    virtual std::optional<unit> find_unit(std::string const& org, std::string const& id) = 0;
    virtual page<unit> list_units(std::string const& org, unit_filter const& f, page_request const& p) = 0;
    virtual void insert_unit(unit const& u) = 0;
    virtual bool update_unit(unit const& u, int expected) = 0;

    virtual std::optional<employee> find_employee(std::string const& org, std::string const& id) = 0;
    virtual page<employee>
    list_employees(std::string const& org, employee_filter const& f, page_request const& p) = 0;
    virtual void insert_employee(employee const& e) = 0;

    virtual std::optional<employment> find_employment(std::string const& org, std::string const& id) = 0;
    virtual std::vector<employment>
    employments_of(std::string const& org, std::string const& employee_id) = 0;
    virtual void insert_employment(employment const& e) = 0;
    virtual bool update_employment(employment const& e, int expected) = 0;

    /** Units where the employee has an employment covering `day`. */
    virtual std::vector<std::string>
    current_units(std::string const& org, std::string const& employee_id, std::string const& day) = 0;
    /** Those units and every unit below them: what a manager working there is responsible for. */
    virtual std::vector<std::string>
    units_below(std::string const& org, std::vector<std::string> const& roots) = 0;

    /** Employee ids of the managers responsible for the employee on `day`: people with a manager account
        and a current employment in one of the employee's current units or a unit above it. */
    virtual std::vector<std::string>
    managers_of(std::string const& org, std::string const& employee_id, std::string const& day) = 0;

    virtual void insert_legitimation(legitimation const& l) = 0;

    virtual void insert_absence(absence const& a) = 0;
    virtual std::optional<absence> find_absence(std::string const& org, std::string const& id) = 0;
    virtual void end_absence(std::string const& org, std::string const& id, std::string const& to_date) = 0;
    virtual std::vector<absence> absences_of(std::string const& org, std::string const& employee_id) = 0;
    virtual std::vector<legitimation>
    legitimations_of(std::string const& org, std::string const& employee_id) = 0;
};

} // namespace kompetens::core
