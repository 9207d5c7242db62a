// The web pages of tokki serve (engine/web/*.html, *.js, *.css), compiled into the binary by
// engine/web/embed.cmake: a closed government network has no CDN, and the server must not
// depend on files beside it.
#ifndef TOKKI_WEB_WEB_ASSETS_H_
#define TOKKI_WEB_WEB_ASSETS_H_

#include <string_view>
#include <vector>

namespace tokki {

struct WebAsset {
  std::string_view name;  // File name in engine/web/, e.g. "app.js".
  std::string_view body;
};

// Every asset, by name.
const std::vector<WebAsset>& WebAssets();

// The asset called `name`, or nullptr.
inline const WebAsset* FindWebAsset(std::string_view name) {
  for (const WebAsset& a : WebAssets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// The Content-Type for an asset's name (by extension), with charset for text.
inline std::string_view WebAssetType(std::string_view name) {
  auto ends = [name](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace tokki

#endif  // TOKKI_WEB_WEB_ASSETS_H_
