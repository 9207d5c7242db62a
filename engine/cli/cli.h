// The tokki command line: a table of subcommands over the engine library.
#ifndef TOKKI_CLI_CLI_H_
#define TOKKI_CLI_CLI_H_

namespace tokki {

// Exit status: 0 done; 1 a check found something (later subcommands); 2 bad input or usage,
// with one line on standard error naming the file or option and the problem.
int RunCli(int argc, char** argv);

}  // namespace tokki

#endif  // TOKKI_CLI_CLI_H_
