#ifndef SW_CREADLINE_SHIM_H
#define SW_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
