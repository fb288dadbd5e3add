#include "server/core/reauthentication.hpp"

#include "server/core/credentials.hpp"

namespace kompetens::core {

result<signature> password_signature(
    account_store& accounts, principal const& who, std::optional<std::string_view> password, millis now
)
{
    auto const account = accounts.find_account(who.account_id);
    if (!password || !account || !verify_password(account->password_hash, *password))
        return failure{errc::reauthentication_required, "/password", "enter your password again to sign"};
    return signature{"password", now};
}

} // namespace kompetens::core
