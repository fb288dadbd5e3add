#include "server/storage/sync_backend_impl.hpp"

#include "server/storage/unit_of_work.hpp"

namespace kompetens::storage {

namespace {

class transaction final : public sync::sync_transaction
{
    unit_of_work uow_;
    sync::stores stores_;

public:
    transaction(database& db, access_mode mode, std::string const& request_id)
        : uow_(db, mode, request_id), stores_{
                                          uow_.directory(),
                                          uow_.training(),
                                          uow_.learning(),
                                          uow_.delegations(),
                                          uow_.task_records(),
                                          uow_.accounts(),
                                          uow_.audit(),
                                          uow_.notifications(),
                                          uow_.titles(),
                                          uow_.language(),
                                          uow_.special_roles(),
                                          uow_.placements(),
                                          uow_.mentorships(),
                                          uow_.sync()}
    {
    }

    sync::stores& get() override { return stores_; }
    void savepoint() override { uow_.savepoint(); }
    void rollback_to_savepoint() override { uow_.rollback_to_savepoint(); }
    void commit() override { uow_.commit(); }
};

} // namespace

std::unique_ptr<sync::sync_transaction> sync_backend_impl::begin(sync::transaction_kind kind)
{
    return std::make_unique<transaction>(
        db_, kind == sync::transaction_kind::write ? access_mode::write : access_mode::snapshot, request_id_
    );
}

bool sync_backend_impl::transient(std::exception const& e) const noexcept
{
    if (dynamic_cast<database_unavailable const*>(&e) != nullptr)
        return true;
    std::string_view const what = e.what();
    // Lost serialisation races, deadlocks and lock timeouts (SQLSTATE 40001, 40P01, 55P03), a busy SQLite:
    // worth another try, not a poison mutation.
    for (auto const* s : {"could not serialize", "deadlock detected", "lock timeout", "database is locked"})
        if (what.find(s) != std::string_view::npos)
            return true;
    return !db_.ping();
}

} // namespace kompetens::storage
