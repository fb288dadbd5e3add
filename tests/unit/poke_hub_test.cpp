// The poke hub decides who hears a poke from the rows of the notification outbox: the recipient's phones
// only, once per notice however often the overlapping reads return it.
#include "server/http/poke_hub.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace kompetens;
using http::poke_hub;

namespace {

core::notification notice(std::string id, std::string recipient, core::millis at)
{
    core::notification n;
    n.id = std::move(id);
    n.recipient_id = std::move(recipient);
    n.kind = "delegation.revoked";
    n.created_at = at;
    return n;
}

} // namespace

TEST_CASE("a notice pokes every phone of its recipient and nobody else", "[unit][poke]")
{
    poke_hub hub;
    std::vector<std::string> heard;
    hub.subscribe("sara", [&](core::millis) { heard.push_back("sara-phone"); });
    hub.subscribe("sara", [&](core::millis) { heard.push_back("sara-tablet"); });
    hub.subscribe("omar", [&](core::millis) { heard.push_back("omar-phone"); });
    CHECK(hub.listeners() == 3);

    CHECK(hub.feed({notice("n1", "sara", 1000)}, 1500) == 2);
    std::sort(heard.begin(), heard.end());
    CHECK(heard == std::vector<std::string>{"sara-phone", "sara-tablet"});
}

TEST_CASE("overlapping outbox reads poke once per notice", "[unit][poke]")
{
    poke_hub hub;
    int pokes = 0;
    hub.subscribe("sara", [&](core::millis) { ++pokes; });
    CHECK(hub.feed({notice("n1", "sara", 1000)}, 1200) == 1);
    // The next read starts a minute back and returns n1 again, with a late-committed n0 created earlier.
    CHECK(hub.feed({notice("n0", "sara", 900), notice("n1", "sara", 1000)}, 2200) == 1);
    CHECK(hub.feed({notice("n0", "sara", 900), notice("n1", "sara", 1000)}, 3200) == 0);
    CHECK(pokes == 2);
}

TEST_CASE("several notices for one person at once give one poke carrying the oldest time", "[unit][poke]")
{
    poke_hub hub;
    std::vector<core::millis> times;
    hub.subscribe("sara", [&](core::millis at) { times.push_back(at); });
    hub.feed({notice("a", "sara", 1300), notice("b", "sara", 1100), notice("c", "sara", 1200)}, 1400);
    CHECK(times == std::vector<core::millis>{1100});
}

TEST_CASE("a closed connection hears nothing more", "[unit][poke]")
{
    poke_hub hub;
    int pokes = 0;
    auto const token = hub.subscribe("sara", [&](core::millis) { ++pokes; });
    hub.unsubscribe(token);
    hub.unsubscribe(token); // twice: harmless
    CHECK(hub.listeners() == 0);
    CHECK(hub.feed({notice("n1", "sara", 1000)}, 1100) == 0);
    CHECK(pokes == 0);
}

TEST_CASE("notices that left the window are forgotten, not poked again", "[unit][poke]")
{
    poke_hub hub;
    int pokes = 0;
    hub.subscribe("sara", [&](core::millis) { ++pokes; });
    hub.feed({notice("n1", "sara", 1000)}, 1000);
    // Long after: the read no longer returns n1 (older than the window); a new notice still pokes.
    auto const later = 1000 + poke_hub::overlap + 5000;
    CHECK(poke_hub::window_start(later) > 1000);
    CHECK(hub.feed({notice("n2", "sara", later - 10)}, later) == 1);
    CHECK(pokes == 2);
}

TEST_CASE("what a new process finds in the window is remembered, not poked", "[unit][poke]")
{
    poke_hub hub;
    int pokes = 0;
    hub.subscribe("sara", [&](core::millis) { ++pokes; });
    hub.prime({notice("old", "sara", 1000)}, 1100);
    CHECK(hub.feed({notice("old", "sara", 1000), notice("new", "sara", 1150)}, 1200) == 1);
    CHECK(pokes == 1);
}
