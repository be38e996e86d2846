// JSON response bodies (api/json_response.h).
#include "api/json_response.h"

namespace creditnode::api {

std::string DumpJson(const nlohmann::json& json) {
  // error_handler_t::replace: a subject query or error message may carry
  // bytes a client sent that are not UTF-8; dump() would throw type_error
  // 316 on them with the default handler.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response JsonResponse(int http_status, const nlohmann::json& json) {
  Response response;
  response.status = http_status;
  response.body = DumpJson(json);
  return response;
}

}  // namespace creditnode::api
