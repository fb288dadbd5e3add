#pragma once

namespace kompetens::app {

/** `kompetens-server <serve|migrate|seed-demo|version|admin create> [flags]`. Returns the exit status:
    0 success, 1 a runtime failure (database unreachable, …), 2 a usage or configuration error. */
int run(int argc, char** argv, char** envp);

} // namespace kompetens::app
