#include "sync/server/mutation_registry.hpp"

#include "server/core/ids.hpp"

namespace kompetens::sync {

handler_result handler_result::effect(std::string_view type, std::string const& id)
{
    handler_result r;
    r.effects.push_back(boost::json::object{{"type", type}, {"id", id}});
    return r;
}

handler_result handler_result::refuse(core::failure f)
{
    handler_result r;
    r.rejected = std::move(f);
    return r;
}

std::vector<handler_entry> const& mutation_handlers()
{
    static std::vector<handler_entry> const table{
        {"progress.record", 1, lane::normal, &progress_record},
        {"attempt.submit", 1, lane::normal, &attempt_submit},
        {"module.complete", 1, lane::normal, &module_complete},
        {"assignment.acknowledge", 1, lane::normal, &assignment_acknowledge},
        {"training.self_report", 1, lane::normal, &training_self_report},
        {"language_plan.follow_up", 1, lane::normal, &language_plan_follow_up},
        {"placement.note", 1, lane::normal, &placement_note},
        {"mentorship.meeting", 1, lane::normal, &mentorship_meeting},
        {"delegation.acknowledge", 1, lane::critical, &delegation_acknowledge},
        {"delegation.sign", 1, lane::critical, &delegation_sign},
        {"delegation.reject", 1, lane::critical, &delegation_reject},
        {"delegation.revoke", 1, lane::critical, &delegation_revoke},
        {"delegation.follow_up", 1, lane::critical, &delegation_follow_up},
        {"task.record_performed", 1, lane::critical, &task_record_performed},
    };
    return table;
}

handler_entry const* find_handler(std::string_view name, int v)
{
    for (auto const& h : mutation_handlers())
        if (h.name == name && h.v == v)
            return &h;
    return nullptr;
}

std::vector<std::string> mutation_names()
{
    std::vector<std::string> out;
    for (auto const& h : mutation_handlers())
        out.push_back(std::string(h.name) + "@" + std::to_string(h.v));
    return out;
}

boost::json::object redacted(boost::json::object args)
{
    if (args.contains("password"))
        args["password"] = "(redacted)";
    return args;
}

void args_reader::fail(char const* key, std::string detail)
{
    if (!error_)
        error_ = core::invalid(std::string("/") + key, std::move(detail));
}

std::optional<std::string> args_reader::optional_text(char const* key, std::size_t max)
{
    auto const* v = args_.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (!v->is_string() || v->as_string().size() > max)
    {
        fail(key, "must be text of at most " + std::to_string(max) + " bytes");
        return std::nullopt;
    }
    return std::string(v->as_string());
}

std::string args_reader::text(char const* key, std::size_t max)
{
    auto t = optional_text(key, max);
    if (!t)
        fail(key, "is required");
    return t.value_or("");
}

std::string args_reader::uuid(char const* key)
{
    auto t = text(key, 36);
    if (!error_ && !core::is_uuid(t))
        fail(key, "must be a UUID");
    return t;
}

std::optional<long long> args_reader::optional_integer(char const* key, long long min, long long max)
{
    auto const* v = args_.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    long long n = 0;
    if (v->is_int64())
        n = v->as_int64();
    else if (v->is_uint64() && v->as_uint64() <= static_cast<unsigned long long>(max))
        n = static_cast<long long>(v->as_uint64());
    else
    {
        fail(key, "must be a whole number");
        return std::nullopt;
    }
    if (n < min || n > max)
    {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return n;
}

long long args_reader::integer(char const* key, long long min, long long max)
{
    auto n = optional_integer(key, min, max);
    if (!n)
        fail(key, "is required");
    return n.value_or(0);
}

bool args_reader::flag(char const* key)
{
    auto const* v = args_.if_contains(key);
    if (v == nullptr || v->is_null())
        return false;
    if (!v->is_bool())
    {
        fail(key, "must be true or false");
        return false;
    }
    return v->as_bool();
}

std::vector<int> args_reader::integers(char const* key, std::size_t max_items)
{
    std::vector<int> out;
    auto const* v = args_.if_contains(key);
    if (v == nullptr || !v->is_array() || v->as_array().size() > max_items)
    {
        fail(key, "must be an array of at most " + std::to_string(max_items) + " whole numbers");
        return out;
    }
    for (auto const& e : v->as_array())
    {
        if (!e.is_int64() || e.as_int64() < 0 || e.as_int64() > 1000)
        {
            fail(key, "must be an array of whole numbers from 0");
            return {};
        }
        out.push_back(static_cast<int>(e.as_int64()));
    }
    return out;
}

boost::json::object const* args_reader::object(char const* key)
{
    auto const* v = args_.if_contains(key);
    if (v == nullptr || v->is_null())
        return nullptr;
    if (!v->is_object())
    {
        fail(key, "must be an object");
        return nullptr;
    }
    return &v->as_object();
}

} // namespace kompetens::sync
