#include "server/app/cli.hpp"

int main(int argc, char** argv, char** envp)
{
    return kompetens::app::run(argc, argv, envp);
}
