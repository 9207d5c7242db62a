// Fail (cli.h) on its own, for the commands in libtokki_server.so, which have no command table.
#include <iostream>

#include "cli/cli.h"

namespace tokki {

int Fail(const std::string& command, const Status& status) {
  std::cerr << "tokki " << command << ": " << status.message() << "\n";
  return kExitBadInput;
}

}  // namespace tokki
