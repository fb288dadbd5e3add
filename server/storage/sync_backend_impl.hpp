#pragma once
#include "server/storage/database.hpp"
#include "sync/server/sync_backend.hpp"

#include <string>

namespace kompetens::storage {

/** The sync engines' transactions: units of work on the server's database. */
class sync_backend_impl final : public sync::sync_backend
{
    database& db_;
    std::string request_id_;

public:
    sync_backend_impl(database& db, std::string request_id) : db_(db), request_id_(std::move(request_id)) {}

    std::unique_ptr<sync::sync_transaction> begin(sync::transaction_kind kind) override;
    bool transient(std::exception const& e) const noexcept override;
};

} // namespace kompetens::storage
