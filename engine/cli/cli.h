// The tokki command line: a table of subcommands over the engine library.
#ifndef TOKKI_CLI_CLI_H_
#define TOKKI_CLI_CLI_H_

#include <string>

#include "base/status.h"

namespace tokki {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitBadInput = 2;

// Prints "tokki COMMAND: message" as the one line on standard error; returns kExitBadInput.
int Fail(const std::string& command, const Status& status);

// Exit status: 0 done; 1 a check found something (later subcommands); 2 bad input or usage,
// with one line on standard error naming the file or option and the problem.
int RunCli(int argc, char** argv);

}  // namespace tokki

#endif  // TOKKI_CLI_CLI_H_
