// Catch2's main in a translation unit of its own: compiled once, so each test file builds in about a
// second instead of eight (research/perf.md §6).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
