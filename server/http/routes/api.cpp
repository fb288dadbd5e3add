#include "server/http/routes/api.hpp"

namespace kompetens::http {

std::vector<route> api_routes()
{
    std::vector<route> all;
    for (auto part :
         {system_routes(),
          auth_routes(),
          directory_routes(),
          audit_routes(),
          training_routes(),
          notification_routes(),
          delegation_routes(),
          sync_routes(),
          title_routes(),
          language_routes(),
          special_role_routes(),
          career_routes(),
          placement_routes(),
          mentorship_routes(),
          workforce_routes()})
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

} // namespace kompetens::http
