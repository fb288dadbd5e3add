#include "tests/support/tcp_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace kompetens::test {

tcp_proxy::tcp_proxy(std::uint16_t target_port) : target_(target_port)
{
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 64) != 0)
        throw std::runtime_error("tcp_proxy: cannot listen");
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

tcp_proxy::~tcp_proxy()
{
    stopping_ = true;
    cut();
    acceptor_.join();
    for (auto& t : pumps_)
        t.join();
    for (int fd : fds_)
        ::close(fd);
    ::close(listen_fd_);
}

void tcp_proxy::accept_loop()
{
    while (!stopping_)
    {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        int client = ::accept(listen_fd_, nullptr, nullptr);
        if (client < 0)
            continue;
        if (cut_)
        {
            ::close(client); // the "host" is gone: the connection dies at once
            continue;
        }
        int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(target_);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(upstream, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        {
            ::close(upstream);
            ::close(client);
            continue;
        }
        std::lock_guard lock(mutex_);
        fds_.push_back(client);
        fds_.push_back(upstream);
        pumps_.emplace_back([this, client, upstream] { pump(client, upstream, false); });
        pumps_.emplace_back([this, client, upstream] { pump(upstream, client, true); });
    }
}

void tcp_proxy::pump(int from, int to, bool answers)
{
    char buf[16384];
    long forwarded = 0;
    while (!stopping_)
    {
        pollfd p{from, POLLIN, 0};
        int r = ::poll(&p, 1, 50);
        if (r == 0)
            continue;
        if (r < 0)
            break;
        auto n = ::recv(from, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        long const limit = truncate_at_;
        if (answers && limit >= 0 && forwarded + n > limit)
        {
            // The limit may be set while an answer is under way, after more than it was already
            // forwarded: then nothing more goes through.
            if (limit > forwarded)
                ::send(to, buf, static_cast<std::size_t>(limit - forwarded), MSG_NOSIGNAL);
            break; // the rest of the answer never arrives
        }
        forwarded += n;
        if (::send(to, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n)
            break;
    }
    ::shutdown(to, SHUT_RDWR);
    ::shutdown(from, SHUT_RDWR);
}

void tcp_proxy::cut()
{
    cut_ = true;
    std::lock_guard lock(mutex_);
    for (int fd : fds_)
        ::shutdown(fd, SHUT_RDWR);
}

void tcp_proxy::restore()
{
    cut_ = false;
}

} // namespace kompetens::test
