// The protocol library a phone shares with the server: hashes, cookies, view diffs, leases.
#include "sync/protocol/canonical_json.hpp"
#include "sync/protocol/cookie.hpp"
#include "sync/protocol/gzip.hpp"
#include "sync/protocol/lease.hpp"
#include "sync/protocol/view.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <random>

using namespace kompetens::sync;

TEST_CASE("a mutation hash does not depend on the order of keys, and does on every value", "[unit][sync]")
{
    auto a = boost::json::parse(R"({"module_id":"m","position":10,"nested":{"b":1,"a":[1,2]}})");
    auto b = boost::json::parse(R"({"nested":{"a":[1,2],"b":1},"position":10,"module_id":"m"})");
    auto c = boost::json::parse(R"({"nested":{"a":[2,1],"b":1},"position":10,"module_id":"m"})");
    CHECK(canonical_json(a) == R"({"module_id":"m","nested":{"a":[1,2],"b":1},"position":10})");
    CHECK(mutation_hash("progress.record", 1, a) == mutation_hash("progress.record", 1, b));
    CHECK(mutation_hash("progress.record", 1, a) != mutation_hash("progress.record", 1, c));
    CHECK(mutation_hash("progress.record", 1, a) != mutation_hash("progress.record", 2, a));
    CHECK(mutation_hash("progress.record", 1, a).starts_with("sha256:"));
}

TEST_CASE("a cookie survives the round trip and any change to it makes it unknown", "[unit][sync]")
{
    cookie c{7, "dev", "cvr", 42, 1, true, 1'795'430'400'000};
    auto const text = encode_cookie(c, "key");
    auto back = decode_cookie(text, "key");
    REQUIRE(back);
    CHECK(back->epoch == 7);
    CHECK(back->ord == 42);
    CHECK(back->partial);
    CHECK_FALSE(decode_cookie(text, "another key"));
    for (std::size_t i = 3; i < text.size(); i += 7)
    {
        auto t = text;
        t[i] = t[i] == 'a' ? 'b' : 'a';
        CHECK_FALSE(decode_cookie(t, "key"));
    }
    CHECK_FALSE(decode_cookie("", "key"));
    CHECK_FALSE(decode_cookie("v1..", "key"));
}

TEST_CASE("paging a diff in any page size ends at the full view, with priority 0 first", "[unit][sync]")
{
    std::mt19937 rng(20261123);
    for (int round = 0; round < 50; ++round)
    {
        std::vector<view_row> view;
        view_entries base;
        std::vector<std::string> const types{"delegation", "assignment", "notification", "progress"};
        for (int i = 0; i < 200; ++i)
        {
            auto const type = types[rng() % types.size()];
            auto const id = "id" + std::to_string(rng() % 300);
            auto const data = "{\"n\":" + std::to_string(rng() % 3) + "}";
            if (rng() % 3 != 0)
                view.push_back(view_row{type, id, data, version_of(data)});
            if (rng() % 2 == 0)
                base[{type, id}] = version_of("{\"n\":" + std::to_string(rng() % 3) + "}");
        }
        std::sort(view.begin(), view.end(), [](auto const& a, auto const& b) {
            return std::tie(a.type, a.id) < std::tie(b.type, b.id);
        });
        view.erase(
            std::unique(
                view.begin(),
                view.end(),
                [](auto const& a, auto const& b) { return a.type == b.type && a.id == b.id; }
            ),
            view.end()
        );
        view_entries want;
        for (auto const& r : view)
            want[{r.type, r.id}] = r.version;

        page_limits limits{1 + rng() % 40, 200 + rng() % 4000};
        auto held = base;
        bool first = true;
        for (int pages = 0; pages < 1000; ++pages)
        {
            auto page = diff(held, view, limits);
            CHECK(page.ops.size() <= limits.rows);
            if (first && !page.ops.empty())
            {
                bool any_delegation = std::any_of(view.begin(), view.end(), [&](auto const& r) {
                    return r.type == "delegation" && held.find({r.type, r.id}) == held.end();
                });
                if (any_delegation)
                    CHECK(page.ops.front().type == "delegation");
            }
            first = false;
            held = page.next;
            if (!page.has_more)
                break;
        }
        CHECK(held == want);
        CHECK(digest(held).size() == digest(want).size());
        CHECK(diff(held, view, limits).ops.empty());
    }
}

TEST_CASE("a lease ends at the earlier of the delegation's last day and the risk class's TTL", "[unit][sync]")
{
    lease_policy p;
    CHECK(p.ttl("high") == 3600 * 1000);
    CHECK(p.ttl("low") == 12 * 3600 * 1000);
    CHECK(lease_expiry(1000, 5000, 10'000) == 5000);
    CHECK(lease_expiry(1000, 50'000, 10'000) == 11'000);
    lease l{"d", 3, "dev", 11'000, ""};
    l.sig = lease_signature(l, "k");
    CHECK(lease_valid(l, "k"));
    auto longer = l;
    longer.expires_at += 1;
    CHECK_FALSE(lease_valid(longer, "k"));
    auto other_device = l;
    other_device.device_id = "dev2";
    CHECK_FALSE(lease_valid(other_device, "k"));
}

TEST_CASE("gzip: round trips, refuses cut-off and over-large input, reads Accept-Encoding", "[unit][sync]")
{
    std::string page;
    for (int i = 0; i < 2000; ++i)
        page += R"({"op":"put","type":"team_status","id":")" + std::to_string(i) +
                R"(","data":{"status":"valid"}},)";
    auto const packed = kompetens::sync::gzip(page);
    REQUIRE_FALSE(packed.empty());
    CHECK(packed.size() * 10 < page.size());              // repeated keys and ids shrink a lot
    CHECK(static_cast<unsigned char>(packed[0]) == 0x1f); // a gzip header, not raw deflate
    CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
    CHECK(kompetens::sync::gunzip(packed) == page);
    CHECK_FALSE(kompetens::sync::gunzip(packed.substr(0, packed.size() / 2)));
    CHECK_FALSE(kompetens::sync::gunzip("not gzip at all"));
    CHECK_FALSE(kompetens::sync::gunzip(packed, page.size() - 1)); // a bomb is refused, not unpacked
    CHECK(kompetens::sync::gunzip(kompetens::sync::gzip("")) == "");

    using kompetens::sync::accepts_gzip;
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("deflate, gzip;q=0.8"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("br, x-gzip"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip; q=0.0, br"));
    CHECK_FALSE(accepts_gzip("gzipped"));
}
