// Renders the clause library for people (tokki clauses) and programs (/api/clauses).
#ifndef TOKKI_REPORT_LIBRARY_RENDER_H_
#define TOKKI_REPORT_LIBRARY_RENDER_H_

#include <nlohmann/json.hpp>
#include <string>

#include "library/library.h"

namespace tokki {

// Clause text with parameters as {name} and references as 第{module.K}項.
std::string SymbolicText(const InlineText& text);

std::string RenderModuleList(const ClauseLibrary& library);
std::string RenderEditions(const ClauseLibrary& library);
std::string RenderModule(const ClauseLibrary& library, const Module& module);

// One module: id, category, versions (editions, validity, heading, items, sources, notes).
nlohmann::ordered_json RenderModuleJson(const ClauseLibrary& library, const Module& module);
// The whole library: parameters, editions, types, modules.
std::string RenderLibraryJson(const ClauseLibrary& library);

}  // namespace tokki

#endif  // TOKKI_REPORT_LIBRARY_RENDER_H_
