// Asio and Beast compiled once for the whole program (BOOST_*_SEPARATE_COMPILATION): every other
// translation unit that includes them only sees declarations, which keeps the build fast on two cores.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
