#include "sync/protocol/canonical_json.hpp"

#include "server/core/credentials.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <vector>

namespace kompetens::sync {

namespace {

void write(boost::json::value const& v, std::string& out)
{
    if (v.is_object())
    {
        auto const& o = v.as_object();
        std::vector<boost::json::key_value_pair const*> fields;
        fields.reserve(o.size());
        for (auto const& kv : o)
            fields.push_back(&kv);
        std::sort(fields.begin(), fields.end(), [](auto const* a, auto const* b) {
            return a->key() < b->key();
        });
        out += '{';
        for (std::size_t i = 0; i < fields.size(); ++i)
        {
            if (i > 0)
                out += ',';
            out += boost::json::serialize(boost::json::value(fields[i]->key()));
            out += ':';
            write(fields[i]->value(), out);
        }
        out += '}';
    }
    else if (v.is_array())
    {
        out += '[';
        bool first = true;
        for (auto const& e : v.as_array())
        {
            if (!first)
                out += ',';
            first = false;
            write(e, out);
        }
        out += ']';
    }
    else
        out += boost::json::serialize(v);
}

} // namespace

std::string canonical_json(boost::json::value const& v)
{
    std::string out;
    write(v, out);
    return out;
}

std::string mutation_hash(std::string_view name, int v, boost::json::value const& args)
{
    boost::json::object o{{"args", args}, {"name", name}, {"v", v}};
    return "sha256:" + core::token_digest(canonical_json(o));
}

} // namespace kompetens::sync
