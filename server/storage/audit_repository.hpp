#pragma once
#include "server/core/audit.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** `core::audit_store` on one SOCI session inside the caller's transaction. Appends lock the
    organisation's chain head (PostgreSQL: `for update`; SQLite has one writer), so sequence numbers stay
    gap-free and the chain linear under concurrent writers. */
class audit_repository final : public core::audit_store
{
    soci::session& sql_;
    std::string request_id_;

public:
    explicit audit_repository(soci::session& s) : sql_(s) {}
    void set_request_id(std::string id) { request_id_ = std::move(id); }

    void append(core::audit_event& e) override;
    std::vector<core::audit_event> query(std::string const& org, core::audit_query const& q) override;
    std::vector<core::audit_event> chain(std::string const& org) override;
    core::chain_head head(std::string const& org) override;
    std::vector<std::string> organisations_with_trail() override;
};

} // namespace kompetens::storage
