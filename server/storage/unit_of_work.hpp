#pragma once
#include "server/core/account_store.hpp"
#include "server/core/audit.hpp"
#include "server/core/delegation_store.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/language_store.hpp"
#include "server/core/learning_store.hpp"
#include "server/core/mentorship_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/placement_service.hpp"
#include "server/core/placement_store.hpp"
#include "server/core/senior_plan_store.hpp"
#include "server/core/special_role_service.hpp"
#include "server/core/special_role_store.hpp"
#include "server/core/task_record_store.hpp"
#include "server/core/title_store.hpp"
#include "server/core/training_store.hpp"
#include "server/storage/database.hpp"
#include "server/storage/idempotency_store.hpp"
#include "sync/server/sync_store.hpp"

#include <memory>

namespace kompetens::storage {

class directory_repository;
class account_repository;
class audit_repository;
class training_repository;
class notification_repository;
class delegation_repository;
class learning_repository;
class task_record_repository;
class title_repository;
class language_repository;
class special_role_repository;
class senior_plan_repository;
class placement_repository;
class mentorship_repository;
class sync_repository;

enum class access_mode
{
    read, // statements that only read; on PostgreSQL each runs by itself, so it must never write
    write,
    snapshot, // read only, one snapshot for the whole transaction (PostgreSQL repeatable read)
    // One read statement in its own implicit transaction: no BEGIN and ROLLBACK around it, two round
    // trips saved on PostgreSQL. For authentication, which runs on every request (BENCHMARKS.md, B2).
    single_read,
};

/** One transaction on one leased session, and the repositories that work inside it. Not thread-safe:
    it lives inside one database-pool task. Rolls back unless `commit` ran; when it is destroyed by an
    exception the session is marked suspect, so a dead connection is revived on its next lease. */
class unit_of_work
{
public:
    /** `request_id` stamps the audit entries written in this unit of work. */
    unit_of_work(database& db, access_mode mode, std::string request_id = {});
    ~unit_of_work();
    unit_of_work(unit_of_work const&) = delete;
    unit_of_work& operator=(unit_of_work const&) = delete;

    core::directory_store& directory();
    core::account_store& accounts();
    idempotency_store& idempotency();
    core::audit_store& audit();
    core::training_store& training();
    core::notification_store& notifications();
    core::delegation_store& delegations();
    core::learning_store& learning();
    core::task_record_store& task_records();
    core::title_store& titles();
    core::language_store& language();
    core::special_role_store& special_roles();
    core::senior_plan_store& senior_plans();
    /** The stores the special-role and competence-summary use cases read. */
    core::special_role_ports role_ports();
    core::placement_store& placements();
    core::mentorship_store& mentorships();
    /** The stores workplace learning and mentorship use. */
    core::workplace_ports workplace_ports();
    sync::sync_store& sync();
    /** Marks a point to roll back to (a rejected sync mutation's partial effects), and rolls back to it. */
    void savepoint();
    void rollback_to_savepoint();
    /** Stamps the audit entries of this unit of work with the request they belong to. */
    void set_request_id(std::string id);

    void commit();
    soci::session& sql();

private:
    database& db_;
    std::unique_lock<std::mutex> writer_;
    database::lease lease_;
    int exceptions_at_start_;
    std::string request_id_;
    bool open_ = false;
    std::unique_ptr<directory_repository> directory_;
    std::unique_ptr<account_repository> accounts_;
    std::unique_ptr<idempotency_store> idempotency_;
    std::unique_ptr<audit_repository> audit_;
    std::unique_ptr<training_repository> training_;
    std::unique_ptr<notification_repository> notifications_;
    std::unique_ptr<delegation_repository> delegations_;
    std::unique_ptr<learning_repository> learning_;
    std::unique_ptr<task_record_repository> task_records_;
    std::unique_ptr<title_repository> titles_;
    std::unique_ptr<language_repository> language_;
    std::unique_ptr<special_role_repository> special_roles_;
    std::unique_ptr<senior_plan_repository> senior_plans_;
    std::unique_ptr<placement_repository> placements_;
    std::unique_ptr<mentorship_repository> mentorships_;
    std::unique_ptr<sync_repository> sync_;
};

} // namespace kompetens::storage
