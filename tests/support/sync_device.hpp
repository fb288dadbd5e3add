#pragma once
#include "sync/protocol/lane.hpp"
#include "sync/protocol/view.hpp"

#include <boost/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::test {

/** What a transport returns: status, headers (lower-case names) and body. */
struct wire_reply
{
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;

    boost::json::object json() const { return boost::json::parse(body).as_object(); }
    std::string header(std::string const& lower_name) const
    {
        auto it = headers.find(lower_name);
        return it == headers.end() ? "" : it->second;
    }
};

using header_pairs = std::vector<std::pair<std::string, std::string>>;
/** Sends one request (method, target, body, headers); the in-process router or a real socket. */
using transport = std::function<
    wire_reply(std::string const&, std::string const&, std::string const&, header_pairs const&)>;

/** A protocol-level phone for tests: a device id, gap-free lanes, a cookie and a local copy of the view,
    built on the protocol library a real client uses (hashes, digests). It applies pulls exactly as
    PROTOCOL.md says, so a test can check the server by what a phone would end up holding. */
class sync_device
{
public:
    sync_device(transport t, std::string token, std::string device_id, int schema = 1);

    std::string const& id() const { return device_id_; }
    void set_token(std::string token) { token_ = std::move(token); }

    /** A mutation with the next sequence number of its lane (the device's outbox numbering). */
    boost::json::object
    mutation(sync::lane lane, std::string const& name, boost::json::object args, int v = 1);
    wire_reply hello();
    wire_reply push(sync::lane lane, std::vector<boost::json::object> const& mutations);
    /** One pull page, applied to the local copy; `cookie_override` sends another cookie (tests of reset). */
    wire_reply pull(std::size_t rows = 1000, std::size_t bytes = 1024 * 1024);
    /** Pulls until `has_more` is false; returns the pages. */
    std::vector<boost::json::object> pull_all(std::size_t rows = 1000);

    std::string cookie;
    /** Sent with every pull while set: types to receive in full again (after a local migration). */
    std::vector<std::string> refresh_types;
    long long acked[2] = {0, 0};
    long long next_seq[2] = {1, 1};
    /** (type, id) → data, as synced. */
    std::map<std::pair<std::string, std::string>, boost::json::object> rows;
    sync::view_entries versions;
    /** The digest the server sent with the last page of the last complete pull. */
    boost::json::object last_digest;
    bool saw_clear = false;
    long long last_ord = 0;

    /** The local digest in the server's format, for comparison with `last_digest`. */
    boost::json::object local_digest() const;
    std::vector<boost::json::object> of_type(std::string const& type) const;

private:
    transport send_;
    std::string token_;
    std::string device_id_;
    int schema_;
    header_pairs headers() const;
};

} // namespace kompetens::test
