#include "tests/support/webhook_receiver.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace kompetens::test {

webhook_receiver::webhook_receiver(int fail_first) : fail_first_(fail_first)
{
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 16) != 0)
        throw std::runtime_error("webhook_receiver: cannot listen");
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
}

webhook_receiver::~webhook_receiver()
{
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    thread_.join();
}

std::vector<webhook_receiver::delivery> webhook_receiver::received()
{
    std::lock_guard lock(mutex_);
    return received_;
}

void webhook_receiver::serve()
{
    while (!stopping_)
    {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        int const fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0)
            continue;
        std::string in;
        char buf[4096];
        std::size_t head_end = std::string::npos, want = 0;
        while (true)
        {
            pollfd c{fd, POLLIN, 0};
            if (::poll(&c, 1, 5000) <= 0)
                break;
            auto const n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            in.append(buf, static_cast<std::size_t>(n));
            if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos)
            {
                std::string lower = in.substr(0, head_end);
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) {
                    return static_cast<char>(std::tolower(ch));
                });
                if (auto at = lower.find("content-length:"); at != std::string::npos)
                    want = std::stoul(lower.substr(at + 15));
            }
            if (head_end != std::string::npos && in.size() >= head_end + 4 + want)
                break;
        }
        if (head_end == std::string::npos)
        {
            ::close(fd);
            continue;
        }
        delivery d;
        auto const first_line_end = in.find("\r\n");
        auto const request_line = in.substr(0, first_line_end);
        auto const sp1 = request_line.find(' ');
        d.path = request_line.substr(sp1 + 1, request_line.rfind(' ') - sp1 - 1);
        std::size_t pos = first_line_end + 2;
        while (pos < head_end)
        {
            auto const eol = in.find("\r\n", pos);
            auto const line = in.substr(pos, eol - pos);
            auto const colon = line.find(':');
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) {
                return static_cast<char>(std::tolower(ch));
            });
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            d.headers[name] = value;
            pos = eol + 2;
        }
        d.body = in.substr(head_end + 4, want);
        {
            std::lock_guard lock(mutex_);
            d.answered = static_cast<int>(received_.size()) < fail_first_ ? 500 : 204;
            received_.push_back(d);
        }
        std::string const reply =
            d.answered == 500
                ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
        ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
        ::close(fd);
    }
}

} // namespace kompetens::test
