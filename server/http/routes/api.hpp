#pragma once
#include "server/http/route.hpp"

#include <vector>

namespace kompetens::http {

/** The whole route table: the API index. Every route declares its access rule here; a test checks that
    clients/mobile-api/openapi.yaml lists exactly these routes. */
std::vector<route> api_routes();

std::vector<route> system_routes();
std::vector<route> auth_routes();
std::vector<route> directory_routes();
std::vector<route> audit_routes();
std::vector<route> training_routes();
std::vector<route> notification_routes();
std::vector<route> delegation_routes();
std::vector<route> sync_routes();
std::vector<route> title_routes();
std::vector<route> language_routes();
std::vector<route> special_role_routes();
std::vector<route> career_routes();
std::vector<route> placement_routes();
std::vector<route> mentorship_routes();
std::vector<route> workforce_routes();

} // namespace kompetens::http
