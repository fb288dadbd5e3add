#pragma once
#include <soci/soci.h>

#include <iterator>
#include <memory>
#include <string>
#include <utility>

namespace kompetens::storage {

/** The rows of one query, read once, in place of `soci::rowset<soci::row> rows = (sql.prepare << …)`.

    Why: a rowset prepares a repeatable statement, which on PostgreSQL is three round trips per query
    (PQprepare of a named statement, its execution, and a DEALLOCATE when the rowset goes), where a query
    run once is one (PQexecParams). Almost every query of the repositories runs once per request, so the
    named statement buys nothing and triples the round trips (BENCHMARKS.md, B2). On SQLite both are the
    same `sqlite3_prepare_v2`.

    Usage: `query_rows rows{sql_, "select … where id = :id", soci::use(id)};
            for (soci::row const& r : rows) …` — one pass, like the rowset it replaces. */
class query_rows
{
public:
    template <class... Uses>
    query_rows(soci::session& sql, std::string const& query, Uses&&... uses)
        : row_(std::make_unique<soci::row>()), statement_(sql)
    {
        // The order soci::rowset follows: bind the uses, prepare, and only then define the row.
        (statement_.exchange(std::forward<Uses>(uses)), ...);
        statement_.alloc();
        statement_.prepare(query, soci::details::st_one_time_query);
        statement_.define_and_bind();
        statement_.exchange_for_rowset(soci::into(*row_));
        statement_.execute(false);
    }
    query_rows(query_rows const&) = delete;
    query_rows& operator=(query_rows const&) = delete;

    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = soci::row;
        using difference_type = std::ptrdiff_t;
        using pointer = soci::row const*;
        using reference = soci::row const&;

        iterator() = default;
        explicit iterator(query_rows* rows) : rows_(rows) { advance(); }
        reference operator*() const { return *rows_->row_; }
        pointer operator->() const { return rows_->row_.get(); }
        iterator& operator++()
        {
            advance();
            return *this;
        }
        bool operator==(iterator const& o) const { return rows_ == o.rows_; }
        bool operator!=(iterator const& o) const { return rows_ != o.rows_; }

    private:
        void advance()
        {
            if (!rows_->statement_.fetch())
                rows_ = nullptr;
        }
        query_rows* rows_ = nullptr;
    };

    /** Starts reading; call once. */
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

private:
    std::unique_ptr<soci::row> row_; // the statement keeps a pointer to it
    soci::statement statement_;
};

} // namespace kompetens::storage
