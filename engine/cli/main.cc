#include "cli/cli.h"

int main(int argc, char** argv) { return tokki::RunCli(argc, argv); }
