#include "web/pages.h"

#include <string>
#include <utility>

#include "web/web_assets.h"

namespace tokki {
namespace {

void SendAsset(std::string_view name, httplib::Response* res) {
  const WebAsset* asset = FindWebAsset(name);
  if (asset == nullptr) {
    res->status = 404;
    res->set_content(R"({"error":"ページがありません"})", "application/json; charset=utf-8");
    return;
  }
  SetPageHeaders(res);
  res->set_header("Cache-Control", "no-cache");
  res->set_content(std::string(asset->body), std::string(WebAssetType(name)));
}

}  // namespace

void SetPageHeaders(httplib::Response* res) {
  res->set_header("Content-Security-Policy",
                  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("Referrer-Policy", "no-referrer");
  res->set_header("X-Frame-Options", "DENY");
}

void AddPageRoutes(httplib::Server* http, std::function<bool(const httplib::Request&)> logged_in) {
  http->Get("/", [logged_in](const httplib::Request& req, httplib::Response& res) {
    if (!logged_in(req)) {
      res.set_redirect("/login", 303);
      return;
    }
    SendAsset("index.html", &res);
  });
  http->Get("/login",
            [](const httplib::Request&, httplib::Response& res) { SendAsset("login.html", &res); });
  http->Get(R"(/assets/([A-Za-z0-9_-]+\.(?:js|css)))",
            [](const httplib::Request& req, httplib::Response& res) {
              SendAsset(req.matches[1].str(), &res);
            });
}

}  // namespace tokki
