#pragma once
#include "server/core/directory_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** `core::directory_store` on one SOCI session; the caller (unit_of_work) owns the transaction.
    The same SQL text runs on SQLite and PostgreSQL. */
class directory_repository final : public core::directory_store
{
    soci::session& sql_;

public:
    explicit directory_repository(soci::session& s) : sql_(s) {}

    std::optional<core::organisation> find_organisation(std::string const& id) override;
    core::page<core::organisation>
    list_organisations(std::optional<std::string> const& only, core::page_request const& p) override;
    void insert_organisation(core::organisation const& o) override;

    std::optional<core::unit> find_unit(std::string const& org, std::string const& id) override;
    core::page<core::unit>
    list_units(std::string const& org, core::unit_filter const& f, core::page_request const& p) override;
    void insert_unit(core::unit const& u) override;
    bool update_unit(core::unit const& u, int expected) override;

    std::optional<core::employee> find_employee(std::string const& org, std::string const& id) override;
    core::page<core::employee> list_employees(
        std::string const& org, core::employee_filter const& f, core::page_request const& p
    ) override;
    void insert_employee(core::employee const& e) override;

    std::optional<core::employment> find_employment(std::string const& org, std::string const& id) override;
    std::vector<core::employment>
    employments_of(std::string const& org, std::string const& employee_id) override;
    void insert_employment(core::employment const& e) override;
    bool update_employment(core::employment const& e, int expected) override;
    std::vector<std::string>
    current_units(std::string const& org, std::string const& employee_id, std::string const& day) override;
    std::vector<std::string>
    units_below(std::string const& org, std::vector<std::string> const& roots) override;
    std::vector<std::string>
    managers_of(std::string const& org, std::string const& employee_id, std::string const& day) override;
    void insert_absence(core::absence const& a) override;
    std::optional<core::absence> find_absence(std::string const& org, std::string const& id) override;
    void end_absence(std::string const& org, std::string const& id, std::string const& to_date) override;
    std::vector<core::absence> absences_of(std::string const& org, std::string const& employee_id) override;
    void insert_legitimation(core::legitimation const& l) override;
    std::vector<core::legitimation>
    legitimations_of(std::string const& org, std::string const& employee_id) override;

private:
    std::vector<std::string> units_of_employment(std::string const& employment_id);
    void replace_units(core::employment const& e);
};

} // namespace kompetens::storage
