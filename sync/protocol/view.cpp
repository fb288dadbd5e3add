#include "sync/protocol/view.hpp"

#include "server/core/credentials.hpp"

#include <algorithm>

namespace kompetens::sync {

std::string version_of(std::string_view data)
{
    return core::token_digest(data).substr(0, 32);
}

int priority_of(std::string_view type) noexcept
{
    if (type == "delegation")
        return 0;
    if (type == "assignment" || type == "requirement" || type == "team_status" || type == "person")
        return 1;
    if (type == "training_record" || type == "progress" || type == "task_record" || type == "language_plan" ||
        type == "special_role" || type == "placement" || type == "mentorship")
        return 2;
    if (type == "notification")
        return 3;
    return 4;
}

std::string serialize_entries(view_entries const& e)
{
    std::string out;
    out.reserve(e.size() * 80);
    for (auto const& [key, version] : e)
    {
        out += key.first;
        out += '|';
        out += key.second;
        out += '|';
        out += version;
        out += '\n';
    }
    return out;
}

view_entries parse_entries(std::string_view text)
{
    view_entries out;
    while (!text.empty())
    {
        auto const nl = text.find('\n');
        auto line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        auto const a = line.find('|');
        auto const b = a == std::string_view::npos ? a : line.find('|', a + 1);
        if (b == std::string_view::npos)
            continue;
        out.emplace_hint(
            out.end(),
            std::pair{std::string(line.substr(0, a)), std::string(line.substr(a + 1, b - a - 1))},
            std::string(line.substr(b + 1))
        );
    }
    return out;
}

diff_page diff(view_entries const& base, std::vector<view_row> const& view, page_limits limits)
{
    std::vector<patch_op> all;
    std::map<std::pair<std::string, std::string>, bool> in_view;
    for (auto const& r : view)
    {
        auto key = std::pair{r.type, r.id};
        in_view[key] = true;
        auto const it = base.find(key);
        if (it == base.end() || it->second != r.version)
            all.push_back(patch_op{true, r.type, r.id, r.version, r.data, "", priority_of(r.type)});
    }
    for (auto const& [key, version] : base)
        if (!in_view.contains(key))
            all.push_back(patch_op{
                false, key.first, key.second, "", "", "out_of_scope", priority_of(key.first)});
    std::sort(all.begin(), all.end(), [](patch_op const& a, patch_op const& b) {
        return std::tie(a.priority, a.type, a.id) < std::tie(b.priority, b.type, b.id);
    });

    diff_page page;
    page.next = base;
    std::size_t bytes = 0;
    for (auto& op : all)
    {
        auto const size = op.data.size() + op.type.size() + op.id.size() + 96; // the op's envelope
        if (!page.ops.empty() && (page.ops.size() >= limits.rows || bytes + size > limits.bytes))
        {
            page.has_more = true;
            break;
        }
        bytes += size;
        if (op.put)
            page.next[{op.type, op.id}] = op.version;
        else
            page.next.erase({op.type, op.id});
        page.ops.push_back(std::move(op));
    }
    return page;
}

std::map<std::string, type_digest> digest(view_entries const& entries)
{
    std::map<std::string, type_digest> out;
    std::map<std::string, std::string> lines;
    for (auto const& [key, version] : entries)
    {
        auto& text = lines[key.first];
        text += key.second;
        text += '|';
        text += version;
        text += '\n';
        ++out[key.first].count;
    }
    for (auto& [type, d] : out)
        d.hash = core::token_digest(lines[type]);
    return out;
}

} // namespace kompetens::sync
