#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kompetens::sync {

/** One row of a user's current view: what a device should hold. `data` is the row's JSON text; its
    version is a digest of that text, so any visible change is a new version and an unchanged row is
    never sent twice, however often the server rewrites it (PROTOCOL.md, "Versions"). */
struct view_row
{
    std::string type;
    std::string id;
    std::string data;
    std::string version;
};

/** The first 16 bytes of SHA-256 of `data`, in hex: a row's version. */
std::string version_of(std::string_view data);

/** Pages carry delegations first (0), then assignments and statuses (1), then learning records (2), then
    notifications and history (3). An unknown type sorts last. */
int priority_of(std::string_view type) noexcept;

/** (type, id) → version: what a device was told (a client view record), or what it should hold. */
using view_entries = std::map<std::pair<std::string, std::string>, std::string>;

/** One line per entry, `type|id|version`, sorted; and back. Ids and types never hold `|` or newlines. */
std::string serialize_entries(view_entries const& e);
view_entries parse_entries(std::string_view text);

struct patch_op
{
    bool put = true; // false: delete
    std::string type;
    std::string id;
    std::string version; // put only
    std::string data;    // put only
    std::string reason;  // delete only: why the row left the view
    int priority = 0;
};

struct page_limits
{
    std::size_t rows = 1000;
    std::size_t bytes = 1024 * 1024;
};

struct diff_page
{
    std::vector<patch_op> ops;
    bool has_more = false;
    view_entries next; // base with this page applied: the client view record after the device applies it
};

/** The changes from what a device holds (`base`) to the current view, ordered by (priority, type, id),
    cut into a page of at most `limits.rows` operations and about `limits.bytes` of data (at least one
    operation, so every page makes progress). */
diff_page diff(view_entries const& base, std::vector<view_row> const& view, page_limits limits);

struct type_digest
{
    std::size_t count = 0;
    std::string hash; // hex SHA-256 over the sorted "id|version\n" lines of the type
};

/** Per type: how many rows and a hash of their ids and versions. A device compares it with its own
    rows; a difference means its copy is damaged and it asks for a reset. */
std::map<std::string, type_digest> digest(view_entries const& entries);

} // namespace kompetens::sync
