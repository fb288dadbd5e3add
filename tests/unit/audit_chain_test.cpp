#include "server/core/audit.hpp"
#include "server/core/credentials.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
// A chain of n entries as the storage layer would build it.
std::vector<audit_event> make_chain(int n, chain_head& head)
{
    std::vector<audit_event> out;
    std::string prev = genesis_hash();
    for (int i = 1; i <= n; ++i)
    {
        audit_event e;
        e.organisation_id = "org";
        e.seq = i;
        e.occurred_at = 1'800'000'000'000 + i;
        e.actor_account_id = "acc-" + std::to_string(i % 3);
        e.action = i % 2 ? "unit.create" : "employee.read";
        e.entity_type = "unit";
        e.entity_id = "u-" + std::to_string(i);
        e.prev_hash = prev;
        e.hash = chain_hash(prev, e);
        prev = e.hash;
        out.push_back(e);
    }
    head = chain_head{n, prev};
    return out;
}
} // namespace

TEST_CASE("an untouched chain verifies", "[unit][audit]")
{
    init_crypto();
    chain_head head;
    auto chain = make_chain(20, head);
    auto r = verify_chain(chain, head);
    CHECK(r.intact);
    CHECK(r.checked == 20);
    CHECK(verify_chain({}, chain_head{0, genesis_hash()}).intact);
}

TEST_CASE("every kind of tampering is detected and the first broken link named", "[unit][audit]")
{
    init_crypto();
    chain_head head;
    auto const original = make_chain(20, head);
    // Random positions, many rounds: detection must not depend on where the tampering is.
    for (int round = 0; round < 200; ++round)
    {
        auto chain = original;
        std::size_t const at = static_cast<std::size_t>((round * 7) % 19); // 0..18
        long long const seq = static_cast<long long>(at) + 1;
        switch (round % 5)
        {
        case 0: // edit a field
            chain[at].entity_id += "x";
            break;
        case 1: // edit the actor and recompute the entry's own hash: the next link still breaks
            chain[at].actor_account_id = "intruder";
            chain[at].hash = chain_hash(chain[at].prev_hash, chain[at]);
            break;
        case 2: // delete a row
            chain.erase(chain.begin() + static_cast<long>(at));
            break;
        case 3: // reorder two rows, keeping their sequence numbers in place
            std::swap(chain[at], chain[at + 1]);
            std::swap(chain[at].seq, chain[at + 1].seq);
            break;
        case 4: // truncate the tail
            chain.resize(at + 1);
            break;
        }
        auto r = verify_chain(chain, head);
        INFO("round " << round << " kind " << round % 5 << " at " << seq);
        REQUIRE_FALSE(r.intact);
        if (round % 5 == 1)
            CHECK(r.first_broken_seq == seq + 1); // the forged entry is consistent in itself
        else if (round % 5 == 2)
            CHECK(r.first_broken_seq == seq + 1); // the entry after the gap no longer follows
        else if (round % 5 == 4)
            CHECK(r.first_broken_seq == seq + 1); // the first missing entry
        else
            CHECK(r.first_broken_seq == seq);
        CHECK_FALSE(r.reason.empty());
    }
}

TEST_CASE("the canonical text cannot be shifted between fields", "[unit][audit]")
{
    audit_event a;
    a.action = "ab";
    a.entity_type = "c";
    audit_event b;
    b.action = "a";
    b.entity_type = "bc";
    CHECK(canonical_text(a) != canonical_text(b));
}
