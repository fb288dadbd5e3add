#include "server/storage/unit_of_work.hpp"

#include "server/storage/account_repository.hpp"
#include "server/storage/audit_repository.hpp"
#include "server/storage/delegation_repository.hpp"
#include "server/storage/directory_repository.hpp"
#include "server/storage/language_repository.hpp"
#include "server/storage/learning_repository.hpp"
#include "server/storage/mentorship_repository.hpp"
#include "server/storage/notification_repository.hpp"
#include "server/storage/placement_repository.hpp"
#include "server/storage/senior_plan_repository.hpp"
#include "server/storage/special_role_repository.hpp"
#include "server/storage/sync_repository.hpp"
#include "server/storage/task_record_repository.hpp"
#include "server/storage/title_repository.hpp"
#include "server/storage/training_repository.hpp"

#include <soci/soci.h>

#include <exception>

namespace kompetens::storage {

unit_of_work::unit_of_work(database& db, access_mode mode, std::string request_id)
    : db_(db), writer_(mode == access_mode::write ? db.write_lock() : std::unique_lock<std::mutex>{}),
      lease_(db.acquire()), exceptions_at_start_(std::uncaught_exceptions()),
      request_id_(std::move(request_id))
{
    try
    {
        // SQLite: take the write lock at BEGIN so a reader never has to upgrade (and fail with BUSY) later.
        if (mode == access_mode::single_read)
            return; // not open: nothing to roll back
        // PostgreSQL's READ COMMITTED gives every statement its own snapshot inside a transaction or
        // outside one, so BEGIN and ROLLBACK around reads cost two round trips and buy nothing; reads
        // that need one snapshot ask for `snapshot`. (perf during B2: the server waits on those round
        // trips.) SQLite keeps its BEGIN: a deferred read transaction there does hold one snapshot.
        if (db.kind() == backend::postgresql && mode == access_mode::read)
            return;
        if (db.kind() == backend::sqlite && mode == access_mode::write)
            lease_.sql() << "begin immediate";
        else if (db.kind() == backend::postgresql && mode == access_mode::snapshot)
            lease_.sql() << "begin isolation level repeatable read read only";
        else
            lease_.sql() << "begin";
        open_ = true;
    }
    catch (std::exception const& e)
    {
        lease_.mark_suspect();
        throw database_unavailable(std::string("cannot begin a transaction: ") + e.what());
    }
}

unit_of_work::~unit_of_work()
{
    if (std::uncaught_exceptions() > exceptions_at_start_)
        lease_.mark_suspect();
    if (!open_)
        return;
    try
    {
        lease_.sql() << "rollback";
    }
    catch (...)
    {
        lease_.mark_suspect();
    }
}

soci::session& unit_of_work::sql()
{
    return lease_.sql();
}

void unit_of_work::commit()
{
    if (!open_)
        return; // single_read: the statement committed itself
    lease_.sql() << "commit";
    open_ = false;
}

core::learning_store& unit_of_work::learning()
{
    if (!learning_)
        learning_ = std::make_unique<learning_repository>(lease_.sql());
    return *learning_;
}

core::title_store& unit_of_work::titles()
{
    if (!titles_)
        titles_ = std::make_unique<title_repository>(lease_.sql());
    return *titles_;
}

core::language_store& unit_of_work::language()
{
    if (!language_)
        language_ = std::make_unique<language_repository>(lease_.sql());
    return *language_;
}

core::special_role_store& unit_of_work::special_roles()
{
    if (!special_roles_)
        special_roles_ = std::make_unique<special_role_repository>(lease_.sql());
    return *special_roles_;
}

core::senior_plan_store& unit_of_work::senior_plans()
{
    if (!senior_plans_)
        senior_plans_ = std::make_unique<senior_plan_repository>(lease_.sql());
    return *senior_plans_;
}

core::placement_store& unit_of_work::placements()
{
    if (!placements_)
        placements_ = std::make_unique<placement_repository>(lease_.sql(), db_.kind() == backend::postgresql);
    return *placements_;
}

core::mentorship_store& unit_of_work::mentorships()
{
    if (!mentorships_)
        mentorships_ =
            std::make_unique<mentorship_repository>(lease_.sql(), db_.kind() == backend::postgresql);
    return *mentorships_;
}

core::workplace_ports unit_of_work::workplace_ports()
{
    return {directory(), placements(), mentorships(), training(), audit(), notifications()};
}

core::special_role_ports unit_of_work::role_ports()
{
    return {directory(), special_roles(), training(), titles(), language(), audit(), notifications()};
}

core::task_record_store& unit_of_work::task_records()
{
    if (!task_records_)
        task_records_ = std::make_unique<task_record_repository>(lease_.sql());
    return *task_records_;
}

sync::sync_store& unit_of_work::sync()
{
    if (!sync_)
        sync_ = std::make_unique<sync_repository>(lease_.sql(), db_.kind() == backend::postgresql);
    return *sync_;
}

void unit_of_work::savepoint()
{
    lease_.sql() << "savepoint mutation";
}

void unit_of_work::rollback_to_savepoint()
{
    lease_.sql() << "rollback to savepoint mutation";
}

core::directory_store& unit_of_work::directory()
{
    if (!directory_)
        directory_ = std::make_unique<directory_repository>(lease_.sql());
    return *directory_;
}

core::account_store& unit_of_work::accounts()
{
    if (!accounts_)
        accounts_ = std::make_unique<account_repository>(lease_.sql());
    return *accounts_;
}

core::audit_store& unit_of_work::audit()
{
    if (!audit_)
    {
        audit_ = std::make_unique<audit_repository>(lease_.sql());
        audit_->set_request_id(request_id_);
    }
    return *audit_;
}

core::training_store& unit_of_work::training()
{
    if (!training_)
        training_ = std::make_unique<training_repository>(lease_.sql());
    return *training_;
}

core::notification_store& unit_of_work::notifications()
{
    if (!notifications_)
        notifications_ = std::make_unique<notification_repository>(lease_.sql());
    return *notifications_;
}

core::delegation_store& unit_of_work::delegations()
{
    if (!delegations_)
        delegations_ = std::make_unique<delegation_repository>(lease_.sql());
    return *delegations_;
}

void unit_of_work::set_request_id(std::string id)
{
    request_id_ = std::move(id);
    if (audit_)
        audit_->set_request_id(request_id_);
}

idempotency_store& unit_of_work::idempotency()
{
    if (!idempotency_)
        idempotency_ = std::make_unique<idempotency_store>(lease_.sql());
    return *idempotency_;
}

} // namespace kompetens::storage
