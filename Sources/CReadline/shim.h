#ifndef SW_CREADLINE_SHIM_H
#define SW_CREADLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Accessors for readline's global variables: Swift 6 cannot touch mutable C globals safely,
   and function pointers are easier to set through a typed setter. */

static inline const char *sw_rl_line_buffer(void) { return rl_line_buffer; }
static inline const char *sw_rl_display_prompt(void) { return rl_display_prompt ? rl_display_prompt : ""; }
static inline int sw_rl_point(void) { return rl_point; }
/* Readline is in the middle of an incremental or non-incremental history search. */
static inline int sw_rl_searching(void) { return RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH) != 0; }

static inline void sw_rl_set_streams(FILE *in, FILE *out) {
    rl_instream = in;
    rl_outstream = out;
}

static inline void sw_rl_set_redisplay(void (*fn)(void)) { rl_redisplay_function = fn; }
static inline void sw_rl_set_getc(int (*fn)(FILE *)) { rl_getc_function = fn; }
static inline void sw_rl_set_name(const char *name) { rl_readline_name = name; }

/* Readline must not install its own signal handlers: the picker reads Ctrl-C as a key
   (the terminal's ISIG is off) and handles SIGWINCH itself. */
static inline void sw_rl_no_signals(void) {
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
}

/* Replaces the whole line with `text`, cursor at its end. */
static inline void sw_rl_replace_line(const char *text) {
    rl_replace_line(text, 0);
    rl_point = rl_end;
}

/* Text typed in for the user when the next line starts (readline's startup hook). */
static char *sw_preset_text = 0;
static inline int sw_preset_hook(void) {
    if (sw_preset_text) {
        rl_insert_text(sw_preset_text);
        free(sw_preset_text);
        sw_preset_text = 0;
    }
    rl_startup_hook = 0;
    return 0;
}
static inline void sw_rl_preset_line(const char *text) {
    free(sw_preset_text);
    sw_preset_text = strdup(text);
    rl_startup_hook = sw_preset_hook;
}

/* Columns a character takes on the terminal (wcwidth is hidden without _XOPEN_SOURCE). */
extern int wcwidth(wchar_t c);
static inline int sw_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

#endif
