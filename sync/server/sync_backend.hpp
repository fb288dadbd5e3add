#pragma once
#include "server/core/account_store.hpp"
#include "server/core/audit.hpp"
#include "server/core/delegation_store.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/language_store.hpp"
#include "server/core/learning_store.hpp"
#include "server/core/mentorship_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/placement_store.hpp"
#include "server/core/special_role_store.hpp"
#include "server/core/task_record_store.hpp"
#include "server/core/title_store.hpp"
#include "server/core/training_store.hpp"
#include "sync/server/sync_store.hpp"

#include <exception>
#include <memory>

namespace kompetens::sync {

/** Every port a mutation or a view needs, inside one transaction. */
struct stores
{
    core::directory_store& directory;
    core::training_store& training;
    core::learning_store& learning;
    core::delegation_store& delegations;
    core::task_record_store& task_records;
    core::account_store& accounts;
    core::audit_store& audit;
    core::notification_store& notifications;
    core::title_store& titles;
    core::language_store& language;
    core::special_role_store& roles;
    core::placement_store& placements;
    core::mentorship_store& mentorships;
    sync_store& sync;
};

/** One database transaction. Rolls back unless `commit` ran. */
class sync_transaction
{
public:
    virtual ~sync_transaction() = default;
    virtual stores& get() = 0;
    /** Marks the point a rejected mutation's partial effects roll back to; its ledger row stays. */
    virtual void savepoint() = 0;
    virtual void rollback_to_savepoint() = 0;
    virtual void commit() = 0;
};

enum class transaction_kind
{
    write,
    snapshot, // read only, one consistent snapshot for the whole pull
};

/** Where transactions come from (server/storage), and which failures are worth retrying later. */
class sync_backend
{
public:
    virtual ~sync_backend() = default;
    virtual std::unique_ptr<sync_transaction> begin(transaction_kind kind) = 0;
    /** The database is away or a lock timed out: try again later; anything else is a bug. */
    virtual bool transient(std::exception const& e) const noexcept = 0;
};

} // namespace kompetens::sync
