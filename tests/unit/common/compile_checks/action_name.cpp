// Compiled (not linked) by the ctest tests common.action_literal_compiles and
// common.action_typo_does_not_compile: an action named by a literal is checked while compiling.
#include "common/action.h"

#ifndef BHXH_ACTION_LITERAL
#error "define BHXH_ACTION_LITERAL"
#endif

bool takes(bhxh::Action action) { return action == bhxh::Action::Decide; }

bool call() { return takes(BHXH_ACTION_LITERAL); }
