"""Language negotiation and the message catalogue for errors (Vietnamese first, English second).

Every user-facing message has a stable code; the text is looked up here in the request's language,
so services raise ``NotFound("round.not_found", id=3)`` and never write prose themselves.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["vi", "en"]
DEFAULT_LANGUAGE: Language = "vi"

# code -> (Vietnamese, English); str.format placeholders come from the error's params.
MESSAGES: dict[str, tuple[str, str]] = {
    # generic HTTP
    "http.not_found": ("Không tìm thấy địa chỉ yêu cầu.", "The requested resource was not found."),
    "http.method_not_allowed": (
        "Phương thức {method} không được hỗ trợ ở địa chỉ này.",
        "Method {method} is not allowed on this resource.",
    ),
    "http.error": ("Yêu cầu không thực hiện được.", "The request could not be processed."),
    "http.internal": (
        "Hệ thống gặp lỗi không mong muốn. Vui lòng thử lại hoặc báo quản trị viên, kèm mã yêu cầu "
        "{request_id}.",
        "An unexpected error occurred. Please retry or report it to the administrator with "
        "request id {request_id}.",
    ),
    "http.body_unreadable": (
        "Không đọc được nội dung gửi lên (không phải văn bản UTF-8 hoặc sai định dạng).",
        "The request body could not be read (not UTF-8 text, or malformed).",
    ),
    "http.validation": (
        "Dữ liệu gửi lên không hợp lệ ({count} lỗi).",
        "The submitted data is invalid ({count} errors).",
    ),
    "http.too_large": (
        "Nội dung gửi lên quá lớn: tối đa {max_kb} KB.",
        "The request body is too large: at most {max_kb} KB.",
    ),
    "ops.metrics_forbidden": (
        "Chỉ Prometheus được đọc số liệu vận hành (cần mã truy cập DTI_METRICS_TOKEN).",
        "Only Prometheus may read the metrics (the DTI_METRICS_TOKEN bearer token is required).",
    ),
    "http.validation_one": (
        "Dữ liệu gửi lên không hợp lệ (1 lỗi).",
        "The submitted data is invalid (1 error).",
    ),
    "db.busy": (
        "Hệ thống đang bận xử lý các yêu cầu khác. Vui lòng thử lại sau {retry_after} giây; dữ "
        "liệu của yêu cầu này chưa được lưu.",
        "The system is busy with other requests. Please retry in {retry_after} seconds; nothing "
        "of this request was saved.",
    ),
    # auth
    "auth.invalid_credentials": (
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Incorrect username or password.",
    ),
    "auth.invalid_client": (
        "Mã ứng dụng hoặc khóa bí mật không đúng.",
        "Invalid client id or client secret.",
    ),
    "auth.unsupported_grant_type": (
        "Chỉ hỗ trợ grant_type=client_credentials.",
        "Only grant_type=client_credentials is supported.",
    ),
    "auth.not_authenticated": (
        "Bạn cần đăng nhập để thực hiện thao tác này.",
        "You need to sign in to do this.",
    ),
    "auth.invalid_token": (
        "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
        "The session is invalid or has expired. Please sign in again.",
    ),
    "auth.invalid_refresh_token": (
        "Mã làm mới phiên không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
        "The refresh token is invalid or has expired. Please sign in again.",
    ),
    "auth.refresh_token_reused": (
        "Mã làm mới phiên đã được dùng trước đó; mọi phiên liên quan đã bị thu hồi để bảo vệ tài "
        "khoản. Vui lòng đăng nhập lại.",
        "This refresh token was already used; every related session has been revoked to protect "
        "the account. Please sign in again.",
    ),
    "auth.too_many_attempts": (
        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {retry_after} giây.",
        "Too many failed sign-in attempts. Please try again in {retry_after} seconds.",
    ),
    "auth.client_too_many_attempts": (
        "Ứng dụng xác thực sai quá nhiều lần. Vui lòng thử lại sau {retry_after} giây.",
        "Too many failed client authentications. Please try again in {retry_after} seconds.",
    ),
    "auth.forbidden_role": (
        "Tài khoản của bạn không có quyền thực hiện thao tác này (cần vai trò: {roles}).",
        "Your account may not do this (requires role: {roles}).",
    ),
    "auth.forbidden_scope": (
        "Ứng dụng không được cấp quyền cho chỉ tiêu {element_code} của đơn vị {unit_code}.",
        "The client has no scope for element {element_code} of unit {unit_code}.",
    ),
    "auth.users_only": (
        "Thao tác này dành cho người dùng, không dành cho ứng dụng kết nối.",
        "This action is for users, not for API clients.",
    ),
    "user.not_found": ("Không tìm thấy người dùng {username}.", "User {username} not found."),
    "user.username_taken": (
        "Tên đăng nhập {username} đã tồn tại.",
        "Username {username} is already taken.",
    ),
    "user.last_admin": (
        "{username} là quản trị viên cuối cùng đang hoạt động; hãy cấp quyền quản trị cho người "
        "khác trước.",
        "{username} is the last active administrator; make someone else an administrator first.",
    ),
    "user.unit_required": (
        "Vai trò {role} phải gắn với một đơn vị.",
        "Role {role} requires a unit.",
    ),
    "user.provider_unit": (
        "Vai trò provider (cán bộ cơ quan cung cấp số liệu) phải gắn với một cơ quan cung cấp "
        "số liệu.",
        "Role provider (an agency's staff) requires a unit that supplies figures.",
    ),
    "auth.password_change_required": (
        "Bạn đang dùng mật khẩu tạm: hãy đổi mật khẩu trước khi làm việc khác.",
        "You signed in with a temporary password: change your password before anything else.",
    ),
    "auth.temporary_password_expired": (
        "Mật khẩu tạm đã hết hạn. Hãy đề nghị quản trị viên cấp lại mật khẩu.",
        "The temporary password has expired. Ask an administrator to reset your password.",
    ),
    # passwords (api/auth/passwords.py)
    "password.too_short": (
        "Mật khẩu phải có ít nhất {min} ký tự (một cụm từ dễ nhớ là lựa chọn tốt).",
        "The password must have at least {min} characters (a memorable phrase is a good choice).",
    ),
    "password.too_long": (
        "Mật khẩu dài tối đa {max} ký tự.",
        "The password may have at most {max} characters.",
    ),
    "password.common": (
        "Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu; hãy chọn mật khẩu "
        "khác.",
        "This password is too common or has appeared in data breaches; choose another.",
    ),
    "password.contains_username": (
        "Mật khẩu không được chứa tên đăng nhập.",
        "The password must not contain the username.",
    ),
    "password.current_wrong": (
        "Mật khẩu hiện tại không đúng.",
        "The current password is incorrect.",
    ),
    "password.same": (
        "Mật khẩu mới phải khác mật khẩu hiện tại.",
        "The new password must differ from the current one.",
    ),
    # importing users from a sheet (api/auth/user_sheets.py)
    "user_import.content_type": (
        "Tệp nhập tài khoản phải là Excel (.xlsx).",
        "The accounts file must be an Excel workbook (.xlsx).",
    ),
    "user_import.unreadable": (
        "Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx).",
        "The Excel file could not be read (damaged, or not an .xlsx).",
    ),
    "user_import.header": (
        "Trang tính thứ nhất thiếu cột: {columns}.",
        "The first sheet lacks the columns: {columns}.",
    ),
    "user_import.no_rows": (
        "Tệp không có dòng tài khoản nào.",
        "The file holds no account rows.",
    ),
    "user_import.too_many_rows": (
        "Mỗi lần nhập tối đa {max} tài khoản.",
        "At most {max} accounts per import.",
    ),
    "user_import.rejected": (
        "Không nhập tài khoản nào: {count} lỗi ở các dòng của tệp. Sửa tệp rồi nhập lại.",
        "No account was imported: {count} errors in the file's rows. Fix the file and import it "
        "again.",
    ),
    "user_import.required": ("Chưa điền.", "Missing."),
    "user_import.too_long": (
        "Dài quá {max} ký tự.",
        "Longer than {max} characters.",
    ),
    "user_import.username_format": (
        "Tên đăng nhập gồm 2–64 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, "
        "bắt đầu bằng chữ cái hoặc chữ số.",
        "A username has 2–64 ASCII letters, digits, dots, dashes or underscores, starting with a "
        "letter or digit.",
    ),
    "user_import.username_taken": (
        "Tên đăng nhập {username} đã có trong hệ thống.",
        "Username {username} already exists.",
    ),
    "user_import.username_repeated": (
        "Tên đăng nhập {username} lặp lại dòng {first_row}.",
        "Username {username} repeats row {first_row}.",
    ),
    "user_import.email_invalid": (
        "Địa chỉ e-mail không hợp lệ.",
        "Not a valid e-mail address.",
    ),
    "user_import.role_unknown": (
        "Vai trò {role} không tồn tại (dùng: {allowed}).",
        "Role {role} does not exist (use: {allowed}).",
    ),
    "user_import.unit_unknown": (
        "Đơn vị {code} không tồn tại.",
        "Unit {code} does not exist.",
    ),
    "client.not_found": ("Không tìm thấy ứng dụng {client_id}.", "Client {client_id} not found."),
    "client.id_taken": (
        "Mã ứng dụng {client_id} đã tồn tại.",
        "Client id {client_id} is already taken.",
    ),
    "client.provider_unit": (
        "Ứng dụng kết nối phải thuộc một cơ quan cung cấp số liệu; {code} không phải.",
        "An API client must belong to an agency that supplies figures; {code} does not.",
    ),
    "client.scope_element": (
        "{code} không phải chỉ tiêu số liệu do {unit} cung cấp.",
        "{code} is not a data element that {unit} supplies.",
    ),
    "client.scope_round": (
        "Bộ chỉ số của kỳ đánh giá {id} không có chỉ tiêu {code}.",
        "The framework of round {id} has no data element {code}.",
    ),
    "client.expiry_past": (
        "Thời hạn sử dụng phải ở tương lai.",
        "The expiry must be in the future.",
    ),
    "auth.client_expired": (
        "Ứng dụng {client_id} đã hết hạn sử dụng lúc {expired_at} (giờ Việt Nam). Liên hệ Sở để "
        "được gia hạn.",
        "Client {client_id} expired at {expired_at} (Vietnam time). Ask DIC to extend it.",
    ),
    # units
    "unit.not_found": ("Không tìm thấy đơn vị {code}.", "Unit {code} not found."),
    "unit.code_taken": ("Mã đơn vị {code} đã tồn tại.", "Unit code {code} already exists."),
    "unit.unknown": ("Đơn vị {code} không tồn tại.", "Unit {code} does not exist."),
    "unit.parent_cycle": (
        "Đơn vị cha không thể là chính đơn vị hoặc đơn vị cấp dưới của nó.",
        "A unit cannot be its own parent or the parent of its ancestor.",
    ),
    "unit.predecessor_self": (
        "Đơn vị không thể là tiền thân của chính nó.",
        "A unit cannot be its own predecessor.",
    ),
    "unit.dates_order": (
        "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
        "valid_to must be after valid_from.",
    ),
    "unit.in_use": (
        "Đơn vị {code} đang được dùng (trong kỳ đánh giá, tài khoản, ứng dụng kết nối hoặc là "
        "nguồn số liệu của bộ chỉ số) nên không thể xóa; hãy đặt ngày hết hiệu lực.",
        "Unit {code} is in use (by a round, an account, an API client or as a framework's data "
        "source) and cannot be deleted; set valid_to instead.",
    ),
    "unit.provider_in_use": (
        "Đơn vị {code} đang là nguồn số liệu của bộ chỉ số nên phải giữ vai trò cơ quan cung cấp.",
        "Unit {code} is a framework's data source, so it must stay a provider agency.",
    ),
    "unit.already_closed": (
        "Đơn vị {code} đã đóng (hiệu lực đến {valid_to}); sửa ngày hết hiệu lực trong mục sửa đơn "
        "vị.",
        "Unit {code} is already closed (valid until {valid_to}); change its end date by editing "
        "it.",
    ),
    "unit.close_in_round": (
        "Đơn vị {codes} đang tham gia kỳ đánh giá đang chuẩn bị hoặc đang thu thập số liệu (kỳ "
        "{rounds}). Xác nhận nếu vẫn muốn đóng: đơn vị vẫn ở lại trong kỳ đó.",
        "Unit {codes} takes part in a round being prepared or collecting answers (round "
        "{rounds}). Confirm to close it anyway: it stays a participant of that round.",
    ),
    "lineage.merger_one_successor": (
        "Sáp nhập tạo ra đúng một đơn vị kế thừa.",
        "A merger has exactly one successor.",
    ),
    "lineage.merger_two_predecessors": (
        "Sáp nhập thành đơn vị mới cần ít nhất hai đơn vị tiền thân.",
        "A merger into a new unit needs at least two predecessors.",
    ),
    "lineage.split_one_predecessor": (
        "Chia tách có đúng một đơn vị tiền thân.",
        "A split has exactly one predecessor.",
    ),
    "lineage.split_two_successors": (
        "Chia tách cần ít nhất hai đơn vị kế thừa.",
        "A split needs at least two successors.",
    ),
    "lineage.split_share_part": (
        "Khi chia tách, mỗi đơn vị kế thừa nhận một phần của đơn vị tiền thân.",
        "In a split each successor takes a part of the predecessor.",
    ),
    "lineage.whole_closes": (
        "Đơn vị sáp nhập toàn bộ sẽ hết hiệu lực vào ngày trước ngày có hiệu lực.",
        "A unit merged whole ends the day before the effective date.",
    ),
    "lineage.duplicate": ("Đơn vị {code} được chọn hai lần.", "Unit {code} is chosen twice."),
    "lineage.successor_is_predecessor": (
        "Đơn vị {code} không thể vừa là tiền thân vừa là đơn vị kế thừa.",
        "Unit {code} cannot be both a predecessor and a successor.",
    ),
    "lineage.predecessor_not_yet_valid": (
        "Đơn vị {code} chỉ có hiệu lực từ {valid_from}, không kịp trước ngày {effective_on}.",
        "Unit {code} is valid only from {valid_from}, not before {effective_on}.",
    ),
    "lineage.predecessor_ended": (
        "Đơn vị {code} đã hết hiệu lực từ {valid_to}, trước ngày {effective_on}.",
        "Unit {code} ended on {valid_to}, before {effective_on}.",
    ),
    "lineage.predecessor_part_closed": (
        "Đơn vị {code} chỉ giao một phần và tiếp tục hoạt động, nhưng đã hết hiệu lực từ "
        "{valid_to}.",
        "Unit {code} gives only a part and goes on, but it ended on {valid_to}.",
    ),
    "lineage.already_merged": (
        "Đơn vị {code} đã được sáp nhập toàn bộ vào đơn vị khác.",
        "Unit {code} has already been merged whole into another unit.",
    ),
    "lineage.successor_not_valid": (
        "Đơn vị kế thừa {code} không có hiệu lực vào ngày {effective_on}.",
        "Successor {code} is not valid on {effective_on}.",
    ),
    "lineage.cycle": (
        "Đơn vị {code} là tiền thân của một đơn vị được sáp nhập, nên không thể kế thừa nó.",
        "Unit {code} is an ancestor of a predecessor, so it cannot succeed it.",
    ),
    "lineage.already_linked": (
        "Đơn vị {code} đã kế thừa một trong các đơn vị tiền thân này.",
        "Unit {code} already succeeds one of these predecessors.",
    ),
    "unit_import.content_type": (
        "Hãy tải lên tệp Excel (.xlsx) theo mẫu nhập đơn vị (nhận được: {type}).",
        "Upload an Excel (.xlsx) file made from the units template (received: {type}).",
    ),
    "unit_import.unreadable": (
        "Không đọc được tệp Excel (.xlsx).",
        "The Excel (.xlsx) file cannot be read.",
    ),
    "unit_import.header": (
        "Trang đầu của tệp thiếu cột: {columns}. Hãy dùng mẫu nhập đơn vị.",
        "The first sheet lacks columns: {columns}. Use the units template.",
    ),
    "unit_import.too_many_rows": (
        "Tệp có quá nhiều dòng: tối đa {max} đơn vị.",
        "The sheet has too many rows: at most {max} units.",
    ),
    "unit_import.no_rows": ("Tệp không có dòng đơn vị nào.", "The sheet holds no unit rows."),
    "unit_import.rejected": (
        "Tệp có {count} lỗi nên không đơn vị nào được tạo. Sửa các dòng được nêu rồi thử lại.",
        "The sheet has {count} errors, so no unit was created. Fix the rows listed and retry.",
    ),
    "unit_import.required": ("Ô này không được để trống.", "This cell must not be empty."),
    "unit_import.bad_code": (
        "Mã «{value}» không hợp lệ: tối đa 32 ký tự gồm chữ in hoa, số, dấu . _ -.",
        "Code «{value}» is invalid: up to 32 capitals, digits, . _ -.",
    ),
    "unit_import.too_long": ("Tối đa {max} ký tự.", "At most {max} characters."),
    "unit_import.control_characters": (
        "Có ký tự điều khiển không hợp lệ.",
        "Holds invalid control characters.",
    ),
    "unit_import.bad_kind": (
        "Loại «{value}» không hợp lệ; dùng một trong: {kinds}.",
        "Kind «{value}» is invalid; use one of: {kinds}.",
    ),
    "unit_import.too_many": ("Tối đa {max} mã.", "At most {max} codes."),
    "unit_import.bad_date": (
        "Ngày «{value}» không hợp lệ; ghi YYYY-MM-DD hoặc DD/MM/YYYY.",
        "Date «{value}» is invalid; write YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "unit_import.bad_share": (
        "«{value}»: chỉ được ghi MÃ hoặc MÃ:part.",
        "«{value}»: write CODE or CODE:part only.",
    ),
    "unit_import.predecessors_need_date": (
        "Đơn vị có tiền thân cần ngày bắt đầu hiệu lực (valid_from).",
        "A unit with predecessors needs its first day (valid_from).",
    ),
    "unit_import.duplicate": (
        "Mã này đã có ở dòng {row} của tệp.",
        "This code is already on row {row} of the sheet.",
    ),
    "unit_import.predecessor_unknown": (
        "Đơn vị tiền thân {code} chưa có trong hệ thống; hãy tạo nó trước.",
        "Predecessor {code} is not in the system; create it first.",
    ),
    "unit_import.predecessor_twice": (
        "Đơn vị {code} đã được sáp nhập toàn bộ ở dòng {row}.",
        "Unit {code} is already merged whole on row {row}.",
    ),
    "unit_import.predecessor_in_round": (
        "Đơn vị tiền thân {code} đang tham gia kỳ đánh giá {round} ({phase}); hãy đóng nó trước "
        "trên trang của đơn vị (có xác nhận), rồi nhập lại.",
        "Predecessor {code} takes part in round {round} ({phase}); close it first on its page "
        "(with the confirmation), then import again.",
    ),
    "group.not_found": ("Không tìm thấy nhóm đơn vị {code}.", "Unit group {code} not found."),
    "group.unknown": ("Nhóm đơn vị {code} không tồn tại.", "Unit group {code} does not exist."),
    "group.code_taken": ("Mã nhóm {code} đã tồn tại.", "Group code {code} already exists."),
    "group.in_use": (
        "Nhóm {code} đang được dùng trong bộ chỉ số hoặc kỳ đánh giá nên không thể xóa.",
        "Group {code} is used by a framework or a round and cannot be deleted.",
    ),
    # frameworks
    "framework.not_found": ("Không tìm thấy bộ chỉ số {id}.", "Framework {id} not found."),
    "framework.code_taken": (
        "Mã bộ chỉ số {code} đã tồn tại.",
        "Framework code {code} already exists.",
    ),
    "framework.frozen": (
        "Bộ chỉ số {code} đã được dùng trong kỳ đánh giá nên không thể sửa. Hãy sao chép thành "
        "phiên bản mới để chỉnh sửa.",
        "Framework {code} is used by a round and is frozen. Clone it into a new version to edit.",
    ),
    "framework.status_move": (
        "Không thể chuyển bộ chỉ số từ trạng thái {current} sang {target}.",
        "A framework cannot move from {current} to {target}.",
    ),
    "framework.not_active": (
        "Bộ chỉ số {code} chưa được kích hoạt (trạng thái {status}); chỉ bộ chỉ số đang áp dụng "
        "mới dùng được cho kỳ đánh giá.",
        "Framework {code} is {status}; only an active framework can be used by a round.",
    ),
    "criterion.not_found": (
        "Không tìm thấy tiêu chí {code} trong bộ chỉ số.",
        "Criterion {code} not found in the framework.",
    ),
    "framework.duplicate_code": ("Mã {code} bị trùng.", "Code {code} is duplicated."),
    "framework.unknown_element": (
        "Chỉ tiêu số liệu {code} không có trong bộ chỉ số.",
        "Data element {code} is not defined in the framework.",
    ),
    "framework.unknown_group": (
        "Nhóm {code} không thuộc các nhóm của bộ chỉ số.",
        "Group {code} is not one of the framework's groups.",
    ),
    "framework.unknown_provider": (
        "{code} không phải là cơ quan cung cấp số liệu (đơn vị có is_provider).",
        "{code} is not a provider agency (a unit with is_provider).",
    ),
    "framework.leaf_needs_max": (
        "Chỉ số thành phần phải có điểm tối đa.",
        "A leaf indicator needs max_points.",
    ),
    "framework.leaf_needs_rule": (
        "Chỉ số thành phần không dùng được quy tắc sum_of_children.",
        "A leaf indicator cannot use the sum_of_children rule.",
    ),
    "framework.inner_needs_sum": (
        "Tiêu chí có tiêu chí con phải dùng quy tắc sum_of_children.",
        "A criterion with children must use the sum_of_children rule.",
    ),
    "framework.inner_has_inputs": (
        "Tiêu chí có tiêu chí con không được khai báo dữ liệu đầu vào.",
        "A criterion with children cannot declare inputs.",
    ),
    "framework.missing_input": (
        "Quy tắc cần dữ liệu đầu vào tên {name}.",
        "The rule needs an input named {name}.",
    ),
    "framework.input_type": (
        "Dữ liệu đầu vào {name} phải có kiểu {expected} (đang là {actual}).",
        "Input {name} must be of type {expected} (it is {actual}).",
    ),
    "framework.points_over_max": (
        "Số điểm {points} vượt quá điểm tối đa {max_points}.",
        "Points {points} exceed the maximum {max_points}.",
    ),
    "framework.choice_options": (
        "Bảng điểm phải có đúng các lựa chọn của chỉ tiêu: {options}.",
        "The points must name exactly the element's options: {options}.",
    ),
    "framework.options_required": (
        "Chỉ tiêu kiểu lựa chọn phải có danh sách lựa chọn.",
        "A choice element needs options.",
    ),
    "framework.options_forbidden": (
        "Chỉ tiêu không phải kiểu lựa chọn thì không có danh sách lựa chọn.",
        "Only choice elements have options.",
    ),
    "framework.provider_required": (
        "Chỉ tiêu do cơ quan cung cấp phải có provider_code.",
        "A provider-sourced element needs provider_code.",
    ),
    "framework.provider_forbidden": (
        "Chỉ tiêu có nguồn {source} không được có provider_code.",
        "An element with source {source} cannot have provider_code.",
    ),
    "framework.bounds_order": ("Giá trị min phải nhỏ hơn max.", "min must be less than max."),
    "framework.inner_no_max": (
        "Tiêu chí có tiêu chí con không khai báo điểm tối đa; điểm tối đa là tổng của các tiêu chí "
        "con.",
        "A criterion with children declares no max_points; its maximum is the sum of its children.",
    ),
    "framework.group_outside_parent": (
        "Nhóm {code} không thuộc các nhóm áp dụng của tiêu chí cha.",
        "Group {code} is not one of the parent criterion's groups.",
    ),
    "framework.linear_goalposts": (
        "Quy tắc tuyến tính cần floor và target khác nhau.",
        "A linear rule needs a floor and a target that differ.",
    ),
    "framework.duplicate_threshold": (
        "Ngưỡng {threshold} bị trùng.",
        "Threshold {threshold} is duplicated.",
    ),
    "framework.bands_order": (
        "Điểm của các mức không được giảm khi giá trị tốt hơn ({direction}).",
        "Band points must not fall as the value gets better ({direction}).",
    ),
    "framework.linear_direction": (
        "Hướng không khớp với floor/target; theo floor và target thì là {implied}.",
        "The direction disagrees with floor/target, which say {implied}.",
    ),
    "framework.not_scoreable": (
        "Bộ máy chấm điểm không đọc được tiêu chí này (chi tiết kỹ thuật: {reason}).",
        "The scoring engine cannot read this: {reason}.",
    ),
    "framework.duplicate_input": (
        "Tên dữ liệu đầu vào {name} bị trùng.",
        "Input name {name} is duplicated.",
    ),
    "framework.stale": (
        "Bộ chỉ số đã được người khác thay đổi (phiên bản hiện tại {etag}). Hãy tải lại rồi sửa "
        "lại.",
        "The framework was changed by someone else (current version {etag}). Reload and retry.",
    ),
    "framework.in_use": (
        "Bộ chỉ số {code} đã được dùng trong kỳ đánh giá nên không thể xóa.",
        "Framework {code} is used by a round and cannot be deleted.",
    ),
    # framework editor (issue 16): only drafts are edited; the rule preview's worked example
    "framework.not_draft": (
        "Bộ chỉ số {code} đang ở trạng thái {status} nên không thể sửa. Hãy chuyển về bản nháp "
        "(khi chưa kỳ đánh giá nào dùng) hoặc sao chép thành phiên bản mới.",
        "Framework {code} is {status} and cannot be edited. Return it to draft (while no round "
        "uses it) or clone it into a new version.",
    ),
    "framework.preview_bad_value": (
        "Giá trị ví dụ của {name} không đọc được theo quy tắc này: {reason}.",
        "The example value of {name} cannot be read by this rule: {reason}.",
    ),
    # rounds
    "round.not_found": ("Không tìm thấy kỳ đánh giá {id}.", "Round {id} not found."),
    "round.phase_move": (
        "Không thể chuyển kỳ đánh giá từ giai đoạn {current} sang {target}. Các bước hợp lệ: "
        "{allowed}.",
        "A round cannot move from phase {current} to {target}. Allowed: {allowed}.",
    ),
    "round.no_units": (
        "Các nhóm đã chọn không có đơn vị nào đang hoạt động.",
        "The chosen groups have no active units.",
    ),
    "round.group_not_in_framework": (
        "Nhóm {code} không thuộc bộ chỉ số của kỳ đánh giá.",
        "Group {code} is not one of the round framework's groups.",
    ),
    "round.schedule_order": (
        "Ngày kết thúc giai đoạn {phase} phải sau ngày bắt đầu.",
        "Phase {phase} must end after it starts.",
    ),
    "round.delete_not_draft": (
        "Chỉ xóa được kỳ đánh giá ở giai đoạn nháp (đang ở {phase}).",
        "Only a draft round can be deleted (it is {phase}).",
    ),
    "round.phase_changed": (
        "Giai đoạn của kỳ đánh giá vừa được người khác thay đổi; hãy tải lại.",
        "The round's phase was just changed by someone else; reload.",
    ),
    "round.publish_via_publication": (
        "Kỳ đánh giá chuyển sang giai đoạn công bố bằng việc công bố kết quả (lần tính điểm chính "
        "thức), không chuyển trực tiếp.",
        "A round becomes published by publishing a final score run, not by a phase move.",
    ),
    "round.not_draft": (
        "Chỉ sửa được kỳ đánh giá ở giai đoạn nháp (đang ở {phase}).",
        "Only a draft round can be edited (it is {phase}).",
    ),
    "round.schedule_overlap": (
        "Giai đoạn {phase} không được bắt đầu trước khi giai đoạn {previous} kết thúc ({at}, giờ "
        "TP.HCM).",
        "Phase {phase} cannot begin before phase {previous} ends ({at}, Ho Chi Minh City time).",
    ),
    "round.schedule_sequence": (
        "Mốc thời gian của giai đoạn {phase} phải sau khi giai đoạn {previous} bắt đầu ({at}, giờ "
        "TP.HCM).",
        "Phase {phase} must come after phase {previous} begins ({at}, Ho Chi Minh City time).",
    ),
    "round.schedule_both": (
        "Chỉ nhập thời điểm hoặc ngày, không nhập cả hai.",
        "Give a time or a day, not both.",
    ),
    "round.schedule_draft": (
        "Giai đoạn nháp không có lịch; lịch bắt đầu từ giai đoạn thu thập số liệu.",
        "The draft phase has no schedule; the schedule begins with collecting.",
    ),
    "round.participants_locked": (
        "Chỉ thay đổi được đơn vị tham gia khi kỳ đánh giá còn ở giai đoạn nháp, trước khi thu "
        "thập số liệu (kỳ đang ở giai đoạn {phase}).",
        "Participants can change only while the round is a draft, before collecting starts (it "
        "is {phase}).",
    ),
    "round.unit_taking_part": (
        "Đơn vị {code} đã tham gia kỳ đánh giá.",
        "Unit {code} already takes part in the round.",
    ),
    "round.unit_not_taking_part": (
        "Đơn vị {code} không tham gia kỳ đánh giá {id}.",
        "Unit {code} does not take part in round {id}.",
    ),
    "round.unit_not_valid": (
        "Đơn vị {code} không còn hoạt động vào ngày tham chiếu {day} của kỳ đánh giá.",
        "Unit {code} is not in force on the round's reference date, {day}.",
    ),
    "round.unit_no_group": (
        "Đơn vị {code} không thuộc nhóm xếp hạng nào của bộ chỉ số ({groups}).",
        "Unit {code} belongs to none of the framework's groups ({groups}).",
    ),
    "round.last_unit": (
        "Không thể bỏ {code}: kỳ đánh giá phải có ít nhất một đơn vị.",
        "{code} cannot be removed: a round needs at least one unit.",
    ),
    "round.extension_closed": (
        "Chỉ gia hạn được khi kỳ đánh giá ở giai đoạn nháp, thu thập số liệu hoặc thẩm định (kỳ "
        "đang ở giai đoạn {phase}).",
        "Deadlines can be extended only while the round is a draft, collecting or reviewing (it "
        "is {phase}).",
    ),
    "round.extension_too_early": (
        "Hạn gia hạn phải sau hạn chung của kỳ đánh giá ({deadline}, giờ TP.HCM).",
        "An extension must end after the round's deadline ({deadline}, Ho Chi Minh City time).",
    ),
    "round.time_range": (
        "Thời điểm phải trong khoảng năm {min}–{max}.",
        "Must fall within the years {min}–{max}.",
    ),
    # values of answers
    "value.not_null": ("Không được để trống (null).", "Must not be null."),
    "value.control_characters": (
        "Không được chứa ký tự điều khiển (ký tự vô hình).",
        "Must not contain control characters (invisible characters).",
    ),
    "value.boolean": ("Phải là Có hoặc Không (true/false).", "Must be yes or no (true/false)."),
    "value.choice": ("Phải là một trong: {options}.", "Must be one of: {options}."),
    "value.text": ("Phải là văn bản.", "Must be text."),
    "value.text_long": ("Tối đa {max} ký tự.", "At most {max} characters."),
    "value.date": ("Phải là ngày dạng YYYY-MM-DD.", "Must be a date as YYYY-MM-DD."),
    "value.number": ("Phải là số.", "Must be a number."),
    "value.integer": ("Phải là số nguyên.", "Must be a whole number."),
    "value.decimals": (
        "Tối đa {places} chữ số sau dấu thập phân.",
        "At most {places} digits after the decimal point.",
    ),
    "value.min": ("Không được nhỏ hơn {min}.", "Must not be less than {min}."),
    "value.max": ("Không được lớn hơn {max}.", "Must not be more than {max}."),
    "value.ratio_order": (
        "Tử số ({a}) không được lớn hơn mẫu số ({b}).",
        "The numerator ({a}) must not exceed the denominator ({b}).",
    ),
    "input.unknown": (
        "Chỉ số {code} không có dữ liệu đầu vào tên {name}.",
        "Indicator {code} has no input named {name}.",
    ),
    "input.read_only": (
        "Số liệu này do {provider} cung cấp; đơn vị không nhập được.",
        "This figure is supplied by {provider}; the unit cannot enter it.",
    ),
    # assessments
    "assessment.not_found": (
        "Không tìm thấy bài tự đánh giá của đơn vị {unit_code} trong kỳ {round_id}.",
        "No assessment of unit {unit_code} in round {round_id}.",
    ),
    "assessment.not_your_unit": (
        "Chỉ cán bộ của đơn vị {unit_code} mới được nhập, sửa hoặc nộp bài tự đánh giá của đơn vị.",
        "Only the staff of unit {unit_code} may enter, edit or submit its assessment.",
    ),
    "assessment.head_only": (
        "Chỉ lãnh đạo đơn vị (unit_head) mới được ký duyệt và nộp bài tự đánh giá.",
        "Only the unit's head (unit_head) may sign off and submit the assessment.",
    ),
    "assessment.round_closed": (
        "Kỳ đánh giá đang ở giai đoạn {phase}; chỉ nhập liệu được khi kỳ đang thu thập số liệu.",
        "The round is in phase {phase}; answers can be entered only while it is collecting.",
    ),
    "assessment.locked": (
        "Bài tự đánh giá đã nộp ({status}); không sửa được cho đến khi được trả lại.",
        "The assessment was submitted ({status}); it cannot be edited until it is returned.",
    ),
    "assessment.stale": (
        "Bài tự đánh giá đã được thay đổi ở nơi khác (phiên bản hiện tại {etag}). Hãy tải lại để "
        "không ghi đè thay đổi đó.",
        "The assessment was changed elsewhere (current version {etag}). Reload so as not to "
        "overwrite that change.",
    ),
    "assessment.if_match_required": (
        "Cần gửi kèm tiêu đề If-Match với ETag của bài tự đánh giá đang sửa.",
        "Send an If-Match header with the ETag of the assessment being edited.",
    ),
    "assessment.indicator_not_found": (
        "Chỉ số {code} không có trong bộ chỉ số hoặc không áp dụng cho đơn vị.",
        "Indicator {code} is not in the framework or does not apply to the unit.",
    ),
    "assessment.incomplete": (
        "Chưa nộp được: còn {count} mục chưa hoàn thành.",
        "Cannot submit yet: {count} items are incomplete.",
    ),
    "assessment.missing_answer": (
        "Chỉ số {code} chưa được trả lời đầy đủ.",
        "Indicator {code} is not fully answered.",
    ),
    "assessment.missing_evidence": (
        "Chỉ số {code} cần ít nhất một tài liệu kiểm chứng.",
        "Indicator {code} needs at least one evidence file.",
    ),
    "assessment.already_submitted": (
        "Bài tự đánh giá đã ở trạng thái {status}; không nộp lại được.",
        "The assessment is already {status}; it cannot be submitted again.",
    ),
    # evidence
    "evidence.not_found": ("Không tìm thấy tài liệu {id}.", "Evidence {id} not found."),
    "evidence.too_large": (
        "Tệp quá lớn: tối đa {max_mb} MB.",
        "The file is too large: at most {max_mb} MB.",
    ),
    "evidence.type": (
        "Loại tệp không được chấp nhận; chỉ nhận PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG (nhận diện "
        "theo nội dung tệp, không theo tên).",
        "This type of file is not accepted; only PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG (judged from "
        "the content, not the name).",
    ),
    "evidence.empty": ("Tệp rỗng.", "The file is empty."),
    "evidence.macros": (
        "Tệp Office chứa macro ({part}); không nhận tệp có macro. Hãy lưu lại dưới dạng "
        ".docx/.xlsx không có macro, hoặc PDF.",
        "The Office file contains macros ({part}); files with macros are not accepted. Save it "
        "as a .docx/.xlsx without macros, or as PDF.",
    ),
    "evidence.embedded": (
        "Tệp Office chứa chương trình hoặc đối tượng nhúng ({part}); không được chấp nhận. Hãy "
        "gỡ đối tượng đó, hoặc lưu tài liệu dưới dạng PDF.",
        "The Office file contains an embedded program or object ({part}) and is not accepted. "
        "Remove it, or save the document as PDF.",
    ),
    "evidence.unpacked": (
        "Tệp Office giải nén ra quá nhiều dữ liệu (tối đa {max_mb} MB).",
        "The Office file unpacks to too much data (at most {max_mb} MB).",
    ),
    "evidence.blob_missing": (
        "Nội dung của tài liệu {id} không còn trong kho lưu trữ (bị mất hoặc hỏng); hãy báo quản "
        "trị viên khôi phục từ bản sao lưu.",
        "The content of evidence {id} is missing from storage (lost or damaged); ask an "
        "administrator to restore it from a backup.",
    ),
    "evidence.file_required": (
        "Cần chọn một tệp (trường file).",
        "A file is required (field file).",
    ),
    "evidence.indicator_required": (
        "Cần cho biết tài liệu thuộc chỉ số nào (trường indicator_code).",
        "Say which indicator the file belongs to (field indicator_code).",
    ),
    "assessment.not_returned": (
        "Chỉ số {code} không bị trả lại: chỉ sửa được các chỉ số đã bị trả lại khi thẩm định.",
        "Indicator {code} was not returned: only the answers DIC returned can be changed.",
    ),
    # review
    "review.round_phase": (
        "Kỳ đánh giá đang ở giai đoạn {phase}: không thẩm định được.",
        "The round is in phase {phase}: answers cannot be reviewed now.",
    ),
    "review.not_submitted": (
        "Đơn vị chưa nộp bài tự đánh giá (trạng thái {status}).",
        "The unit has not submitted its assessment (status {status}).",
    ),
    "review.return_closed": (
        "Kỳ đánh giá đang ở giai đoạn {phase}: không trả lại cho đơn vị được nữa.",
        "The round is in phase {phase}: answers can no longer be returned to the unit.",
    ),
    "review.points_or_values": (
        "Điều chỉnh cần điểm (points) hoặc giá trị (values), và chỉ một trong hai.",
        "An adjustment needs points or values, and only one of them.",
    ),
    "review.points_max": (
        "Điểm không được vượt quá điểm tối đa {max} của chỉ số.",
        "Points may not exceed the indicator's maximum of {max}.",
    ),
    "review.values_empty": (
        "Cần ít nhất một giá trị điều chỉnh.",
        "Give at least one adjusted value.",
    ),
    "review.values_conflict": (
        "Chỉ tiêu {element} đã được điều chỉnh ở chỉ số {code} với giá trị khác; hai chỉ số dùng "
        "chung số liệu này phải thống nhất.",
        "Element {element} was adjusted to another value on indicator {code}; the indicators "
        "that share it must agree.",
    ),
    "review.value_required": ("Cần nhập giá trị.", "A value is required."),
    "review.adjust_only": (
        "Chỉ khi điều chỉnh mới kèm điểm hoặc giá trị (quyết định: {decision}).",
        "Only an adjustment carries points or values (decision: {decision}).",
    ),
    "review.comment_required": (
        "Cần ghi lý do (khi điều chỉnh) hoặc nội dung cần sửa (khi trả lại).",
        "Give the reason (adjusted) or what to fix (returned).",
    ),
    "review.comments_closed": (
        "Kỳ đánh giá đang ở giai đoạn {phase}: không nhận ý kiến.",
        "The round is in phase {phase}: comments are closed.",
    ),
    "review.comment_forbidden": (
        "Chỉ cán bộ của đơn vị hoặc cán bộ thẩm định được trao đổi về câu trả lời này.",
        "Only the unit's staff or DIC may comment on this answer.",
    ),
    "review.unknown_indicator": (
        "Chỉ số {code} không có trong bộ chỉ số của kỳ đánh giá.",
        "Indicator {code} is not in the round's framework.",
    ),
    # results
    "results.run_phase": (
        "Không tính điểm loại {kind} được khi kỳ đánh giá ở giai đoạn {phase}.",
        "A {kind} score run cannot be made while the round is in phase {phase}.",
    ),
    "results.feedback_open": (
        "Còn {count} ý kiến giải trình chưa được trả lời: trả lời hết trước khi tính điểm chính "
        "thức.",
        "{count} feedback items are still unanswered: answer them all before the final run.",
    ),
    "results.run_not_found": ("Không tìm thấy lần tính điểm {id}.", "Score run {id} not found."),
    "results.unit_not_found": (
        "Không có kết quả của đơn vị {unit_code} trong lần tính điểm {id}.",
        "No results of unit {unit_code} in score run {id}.",
    ),
    "results.no_earlier_run": (
        "Không có lần tính điểm nào trước lần {id} để so sánh.",
        "There is no run before run {id} to compare with.",
    ),
    "results.run_other_round": (
        "Lần tính điểm {id} thuộc kỳ đánh giá khác.",
        "Score run {id} belongs to another round.",
    ),
    # publications
    "publication.phase": (
        "Chỉ công bố được khi kỳ đánh giá ở giai đoạn kết quả chính thức (đang ở {phase}); để "
        "đính chính, mở lại kỳ đánh giá về giai đoạn này.",
        "Results can be published only in phase final (the round is {phase}); to correct a "
        "publication, reopen the round to final.",
    ),
    "publication.run_not_final": (
        "Chỉ công bố được lần tính điểm chính thức (lần {id} là {kind}).",
        "Only a final score run can be published (run {id} is {kind}).",
    ),
    "publication.run_stale": (
        "Lần tính điểm {id} không còn phản ánh số liệu hiện tại (đã có thay đổi hoặc lần tính "
        "chính thức mới hơn): tính điểm chính thức lại rồi công bố.",
        "Score run {id} no longer reflects the current inputs (they changed, or a newer final run "
        "exists): make a new final run and publish that.",
    ),
    "publication.reason_required": (
        "Công bố lại (phiên bản {version}) phải nêu lý do.",
        "A re-issue (version {version}) needs a reason.",
    ),
    "publication.same_run": (
        "Lần tính điểm {id} đã được công bố (phiên bản {version}); tính điểm lại trước khi công bố "
        "lại.",
        "Score run {id} is already published (version {version}); make a new final run first.",
    ),
    "publication.not_found": (
        "Kỳ đánh giá {id} chưa có kết quả công bố.",
        "Round {id} has no published results.",
    ),
    "publication.version_not_found": (
        "Kỳ đánh giá {id} không có phiên bản công bố {version}.",
        "Round {id} has no published version {version}.",
    ),
    "publication.unit_not_found": (
        "Đơn vị {code} chưa có kết quả công bố.",
        "Unit {code} has no published results.",
    ),
    # feedback
    "feedback.window_closed": (
        "Ngoài thời gian nhận giải trình (từ {opens} đến {closes}).",
        "Feedback is not accepted now (window {opens} to {closes}).",
    ),
    "feedback.unit_only": (
        "Chỉ cán bộ của đơn vị được gửi giải trình.",
        "Only the unit's staff may file feedback.",
    ),
    "feedback.already_open": (
        "Chỉ số {code} đã có ý kiến giải trình đang chờ trả lời (số {id}).",
        "Indicator {code} already has feedback awaiting an answer (no. {id}).",
    ),
    "feedback.not_submitted": (
        "Đơn vị chưa nộp bài tự đánh giá (trạng thái {status}) nên không gửi giải trình được.",
        "The unit has not submitted its assessment (status {status}): it cannot file feedback.",
    ),
    "feedback.answer_phase": (
        "Kỳ đánh giá đang ở giai đoạn {phase}: không trả lời giải trình được nữa.",
        "The round is in phase {phase}: feedback can no longer be answered.",
    ),
    "feedback.not_found": ("Không tìm thấy ý kiến giải trình {id}.", "Feedback {id} not found."),
    "feedback.answered": (
        "Ý kiến giải trình {id} đã được trả lời.",
        "Feedback {id} has already been answered.",
    ),
    # notifications
    "notify.submit_due_soon": (
        "Còn {days} ngày đến hạn ({deadline}) nộp bài tự đánh giá kỳ «{round}» của {unit}; "
        "đã trả lời {answered}% chỉ số.",
        "{days} days left until {deadline} to submit {unit}'s self-assessment in «{round}»; "
        "{answered}% of the indicators are answered.",
    ),
    "notify.submit_due_soon.subject": (
        "Sắp đến hạn nộp bài tự đánh giá ({deadline})",
        "Self-assessment due soon ({deadline})",
    ),
    "notify.submit_overdue": (
        "Đã quá hạn ({deadline}) nộp bài tự đánh giá kỳ «{round}» của {unit}; đã trả lời "
        "{answered}% chỉ số. Đề nghị hoàn thành và nộp ngay.",
        "{unit}'s self-assessment in «{round}» was due on {deadline}; {answered}% of the "
        "indicators are answered. Please complete and submit it now.",
    ),
    "notify.submit_overdue.subject": (
        "Quá hạn nộp bài tự đánh giá ({deadline})",
        "Self-assessment overdue ({deadline})",
    ),
    "notify.resubmit_due_soon": (
        "Còn {days} ngày đến hạn ({deadline}) nộp lại các chỉ số {operator} đã trả lại cho {unit} "
        "(kỳ «{round}»).",
        "{days} days left until {deadline} to resubmit the answers DIC returned to {unit} "
        "(«{round}»).",
    ),
    "notify.resubmit_due_soon.subject": (
        "Sắp đến hạn nộp lại bài tự đánh giá ({deadline})",
        "Resubmission due soon ({deadline})",
    ),
    "notify.resubmit_overdue": (
        "Đã quá hạn ({deadline}) nộp lại các chỉ số {operator} đã trả lại cho {unit} "
        "(kỳ «{round}»).",
        "The answers DIC returned to {unit} («{round}») were due again on {deadline}.",
    ),
    "notify.resubmit_overdue.subject": (
        "Quá hạn nộp lại bài tự đánh giá ({deadline})",
        "Resubmission overdue ({deadline})",
    ),
    "notify.returned": (
        "{operator} đã trả lại chỉ số {code} của {unit} (kỳ «{round}»): {comment}",
        "DIC returned indicator {code} of {unit} («{round}»): {comment}",
    ),
    "notify.returned.subject": (
        "Chỉ số {code} bị trả lại, cần bổ sung",
        "Indicator {code} returned for changes",
    ),
    "notify.urge": ("{subject_vi}: {body_vi}", "{subject_en}: {body_en}"),
    "notify.urge.subject": ("{subject_vi}", "{subject_en}"),
    "notify.escalation": (
        "{unit} đã quá hạn {days} ngày (hạn {deadline}) nộp bài tự đánh giá kỳ «{round}», mới trả "
        "lời {answered}% chỉ số. Đề nghị Lãnh đạo đơn vị chỉ đạo hoàn thành và nộp ngay (nhắc lần "
        "{level}).",
        "{unit} is {days} days late (due {deadline}) submitting its self-assessment in "
        "«{round_en}», with {answered}% of the indicators answered. Please have it completed and "
        "submitted now (reminder to the head no. {level}).",
    ),
    "notify.escalation.subject": (
        "{unit_code} quá hạn {days} ngày nộp bài tự đánh giá",
        "{unit_code} is {days} days late with its self-assessment",
    ),
    "notify.late_digest": (
        "Tổng hợp ngày {date}: {count} đơn vị quá hạn nộp bài tự đánh giá kỳ «{round}» (số ngày "
        "quá hạn): {units}.",
        "Digest of {date}: {count} units are late with their self-assessment in «{round_en}» "
        "(days late): {units}.",
    ),
    "notify.late_digest.subject": (
        "{count} đơn vị quá hạn nộp bài tự đánh giá",
        "{count} units late with their self-assessment",
    ),
    # urging
    "urging.template_braces": (
        "Dấu ngoặc nhọn không cân đối: viết {{ và }} để hiện dấu ngoặc.",
        "Unbalanced braces: write {{ and }} for a literal brace.",
    ),
    "urging.unknown_placeholder": (
        "Không có trường thay thế {{{placeholder}}}; dùng được: {allowed}.",
        "There is no placeholder {{{placeholder}}}; the placeholders are: {allowed}.",
    ),
    "urging.template_not_found": (
        "Không tìm thấy mẫu đôn đốc {id}.",
        "Urging template {id} not found.",
    ),
    "urging.template_name_taken": (
        "Đã có mẫu đôn đốc tên «{name}».",
        "An urging template named «{name}» already exists.",
    ),
    "urging.phase": (
        "Kỳ đánh giá đang ở giai đoạn {phase}: không gửi đôn đốc được.",
        "The round is in phase {phase}: no urging can be sent.",
    ),
    "urging.unknown_unit": (
        "Đơn vị {code} không tham gia kỳ đánh giá này.",
        "Unit {code} does not take part in this round.",
    ),
    "notification.not_found": (
        "Không tìm thấy thông báo {id}.",
        "Notification {id} not found.",
    ),
    # operating department and the 2025 units (issue 17)
    "operator.since_future": (
        "Ngày bắt đầu vận hành không được sau hôm nay.",
        "The day it began running the system cannot be after today.",
    ),
    # ingest
    "ingest.unknown_unit": (
        "Đơn vị {code} không tham gia kỳ đánh giá này.",
        "Unit {code} does not take part in this round.",
    ),
    "ingest.unknown_element": (
        "Chỉ tiêu {code} không có trong bộ chỉ số của kỳ đánh giá.",
        "Element {code} is not in the round's framework.",
    ),
    "ingest.self_element": (
        "Chỉ tiêu {code} do đơn vị tự nhập, không nhận qua kết nối.",
        "Element {code} is entered by the units themselves, not pushed.",
    ),
    "ingest.not_applicable": (
        "Chỉ tiêu {element_code} không dùng để đánh giá đơn vị {unit_code} (nhóm {group}).",
        "Element {element_code} is not used to assess unit {unit_code} (group {group}).",
    ),
    "ingest.not_agency": (
        "Chỉ tiêu {element_code} không do cơ quan của bạn cung cấp.",
        "Element {element_code} is not one your agency supplies.",
    ),
    "ingest.no_elements": (
        "Không có chỉ tiêu nào của kỳ đánh giá này mà bạn được nhập.",
        "There are no elements in this round that you may supply.",
    ),
    "ingest.duplicate": (
        "Dòng trùng: {unit_code} / {element_code} đã có ở dòng trước.",
        "Duplicate row: {unit_code} / {element_code} appears earlier.",
    ),
    "ingest.csv_header": (
        "Tệp CSV thiếu cột: {columns} (cần unit_code,element_code,value).",
        "The CSV lacks columns: {columns} (expected unit_code,element_code,value).",
    ),
    "ingest.csv_unreadable": (
        "Không đọc được tệp CSV (dòng {line}).",
        "The CSV file cannot be read (line {line}).",
    ),
    "ingest.too_many_rows": (
        "Tệp có quá nhiều dòng: tối đa {max} dòng mỗi lần nhập.",
        "Too many rows: at most {max} per import.",
    ),
    "ingest.xlsx_too_large": (
        "Tệp Excel khi giải nén vượt quá {max_mb} MB.",
        "The Excel file unpacks to more than {max_mb} MB.",
    ),
    "ingest.key_in_flight": (
        "Một yêu cầu khác với cùng Idempotency-Key đang được xử lý; hãy thử lại sau giây lát.",
        "Another request with the same Idempotency-Key is being processed; retry shortly.",
    ),
    "ingest.xlsx_unreadable": (
        "Không đọc được tệp Excel (.xlsx).",
        "The Excel (.xlsx) file cannot be read.",
    ),
    "ingest.round_required": (
        "Cần tham số round_id khi gửi tệp CSV hoặc Excel.",
        "A CSV or Excel body needs the round_id query parameter.",
    ),
    "ingest.content_type": (
        "Định dạng {type} không được hỗ trợ; dùng JSON, CSV hoặc Excel (.xlsx).",
        "Content type {type} is not supported; use JSON, CSV or Excel (.xlsx).",
    ),
    "ingest.too_large": ("Dữ liệu quá lớn: tối đa {max_mb} MB.", "Too large: at most {max_mb} MB."),
    "ingest.key_reused": (
        "Idempotency-Key này đã được dùng cho một nội dung khác.",
        "This Idempotency-Key was already used for a different body.",
    ),
    "ingest.rejected": (
        "Không áp dụng dòng nào: {count} dòng có lỗi. Sửa rồi gửi lại cả lô.",
        "Nothing was applied: {count} rows have errors. Fix them and send the whole batch again.",
    ),
    "ingest.body_field": ("{detail}", "{detail}"),
    "ingest.csv_quote": (
        'Tệp CSV có dấu ngoặc kép (") mở mà không đóng, từ dòng {line}; không dòng nào được nhập.',
        'The CSV has a quote (") opened and never closed, from line {line}; nothing was read.',
    ),
    "ingest.no_rows": (
        "Tệp không có dòng số liệu nào (cột value trống ở mọi dòng).",
        "The file holds no figures (the value column is empty in every row).",
    ),
    "ingest.not_running": (
        "Lần nhập này đã kết thúc ({status}), không thể hủy.",
        "This import has already ended ({status}); it cannot be cancelled.",
    ),
    "ingest.report_not_found": (
        "Không tìm thấy báo cáo nhập số liệu {id}.",
        "Import report {id} not found.",
    ),
    # audit
    "audit.chain_broken": (
        "Chuỗi nhật ký bị đứt tại sự kiện {id}.",
        "The audit chain is broken at event {id}.",
    ),
    # frameworks in Excel: export and import (api/frameworks/sheets.py, excel.py)
    "framework_excel.content_type": (
        "Hãy gửi tệp Excel (.xlsx) trong biểu mẫu multipart, trường «file».",
        "Send the Excel file (.xlsx) as the «file» field of a multipart form.",
    ),
    "framework_excel.file_required": (
        "Chưa chọn tệp Excel (.xlsx).",
        "No Excel file (.xlsx) was sent.",
    ),
    "framework_excel.unreadable": (
        "Không đọc được tệp: hãy gửi tệp Excel (.xlsx) xuất từ hệ thống.",
        "The file could not be read: send an Excel workbook (.xlsx) exported by the system.",
    ),
    "framework_excel.too_large": (
        "Tệp quá lớn: tối đa {max_mb} MB.",
        "The file is too large: at most {max_mb} MB.",
    ),
    "framework_excel.too_many_rows": (
        "Sheet {sheet} có quá nhiều dòng: tối đa {max}.",
        "Sheet {sheet} has too many rows: at most {max}.",
    ),
    "framework_excel.rejected": (
        "Tệp có {count} lỗi nên chưa nhập; không có gì được ghi. Hãy sửa và gửi lại.",
        "The file has {count} errors, so nothing was imported or written. Fix them and retry.",
    ),
    "framework_excel.cell": ("{message}", "{message}"),
    "framework_excel.missing_sheet": (
        "Thiếu sheet «{sheet}».",
        "The «{sheet}» sheet is missing.",
    ),
    "framework_excel.unknown_column": (
        "Cột «{column}» không thuộc sheet này (kiểm tra chính tả tiêu đề).",
        "Column «{column}» does not belong to this sheet (check the header's spelling).",
    ),
    "framework_excel.duplicate_column": (
        "Cột «{column}» xuất hiện hai lần.",
        "Column «{column}» appears twice.",
    ),
    "framework_excel.missing_columns": (
        "Thiếu cột: {columns}.",
        "Missing columns: {columns}.",
    ),
    "framework_excel.required": ("Ô này không được để trống.", "This cell must not be empty."),
    "framework_excel.not_text": (
        "Ô này phải là văn bản.",
        "This cell must hold text.",
    ),
    "framework_excel.control_characters": (
        "Văn bản có ký tự điều khiển không hợp lệ.",
        "The text holds control characters.",
    ),
    "framework_excel.not_number": (
        "«{value}» không phải là số.",
        "«{value}» is not a number.",
    ),
    "framework_excel.not_integer": (
        "«{value}» không phải là số nguyên.",
        "«{value}» is not a whole number.",
    ),
    "framework_excel.not_flag": (
        "«{value}» không phải TRUE/FALSE (có/không).",
        "«{value}» is not TRUE/FALSE (yes/no).",
    ),
    "framework_excel.bad_input": (
        "«{value}» phải có dạng tên=mã chỉ tiêu, ví dụ value=E-1.2.",
        "«{value}» must read name=element code, e.g. value=E-1.2.",
    ),
    "framework_excel.unknown_key": (
        "Trường «{key}» không có trong thông tin chung của bộ chỉ số.",
        "«{key}» is not a field of the framework's metadata.",
    ),
    "framework_excel.duplicate_key": (
        "Trường «{key}» xuất hiện hai lần.",
        "Field «{key}» appears twice.",
    ),
    "framework_excel.duplicate_row": (
        "Mã {code} đã có ở dòng {row}.",
        "Code {code} is already on row {row}.",
    ),
    "framework_excel.unknown_parent": (
        "Tiêu chí cha {code} không có trong sheet criteria.",
        "Parent criterion {code} is not in the criteria sheet.",
    ),
    "framework_excel.parent_cycle": (
        "Tiêu chí cha tạo thành vòng lặp (tiêu chí nằm dưới chính nó).",
        "The parents form a loop (a criterion under itself).",
    ),
    "framework_excel.duplicate_parameter": (
        "Tham số {parameter} đã có ở dòng {row}.",
        "Parameter {parameter} is already on row {row}.",
    ),
    "framework_excel.unknown_parameter": (
        "Cách chấm {kind} không có tham số «{parameter}»; được dùng: {allowed}.",
        "Rule {kind} has no parameter «{parameter}»; it takes: {allowed}.",
    ),
    "framework_excel.bad_rank": (
        "Thứ hạng phải là 1, 2, 3, … mỗi hạng một dòng, không bỏ cách.",
        "Ranks must be 1, 2, 3, …, one row each, with no gap.",
    ),
    # what-if and rank stability (api/whatif)
    "whatif.no_units": (
        "Kỳ đánh giá {id} chưa có đơn vị tham gia: không có gì để mô phỏng.",
        "Round {id} has no participating units: there is nothing to simulate.",
    ),
    "whatif.framework_not_found": (
        "Không tìm thấy phiên bản bộ chỉ số {id}.",
        "Framework version {id} not found.",
    ),
    "whatif.groups_missing": (
        "Bộ chỉ số {code} không xếp hạng nhóm {groups} của kỳ đánh giá: chọn phiên bản có các "
        "nhóm này.",
        "Framework {code} does not rank the round's group(s) {groups}: pick a version that does.",
    ),
    "whatif.unknown_criterion": (
        "Bộ chỉ số {framework} không có tiêu chí {code}.",
        "Framework {framework} has no criterion {code}.",
    ),
    "whatif.weight_and_max": (
        "Tiêu chí {code}: chỉ đổi trọng số hoặc điểm tối đa, không đổi cả hai.",
        "Criterion {code}: change its weight or its max points, not both.",
    ),
    "whatif.max_differs_by_group": (
        "Tiêu chí {code} có điểm tối đa khác nhau giữa các nhóm ({maxima}): hãy đổi trọng số "
        "thay cho điểm tối đa.",
        "Criterion {code} has a different max in each group ({maxima}): change its weight instead.",
    ),
    "whatif.max_of_empty": (
        "Tiêu chí {code} có điểm tối đa bằng 0: không đổi được điểm tối đa của nó.",
        "Criterion {code} has a max of 0: its max points cannot be changed.",
    ),
    "whatif.not_scoreable": (
        "Không tính được điểm theo bộ chỉ số {code} trên số liệu của kỳ đánh giá: {reason}.",
        "Framework {code} cannot score the round's values: {reason}.",
    ),
    "whatif.too_much_work": (
        "Quá nhiều phép tính ({units} đơn vị × {indicators} chỉ số × {samples} lần lấy mẫu): "
        "tối đa {max_samples} lần lấy mẫu cho kỳ đánh giá này.",
        "Too much work ({units} units × {indicators} indicators × {samples} samples): at most "
        "{max_samples} samples for this round.",
    ),
    # proposals (đề xuất): units propose changes to the criteria, DIC triages them
    "proposal.unit_only": (
        "Chỉ cán bộ của đơn vị được gửi đề xuất và đính kèm tệp cho đề xuất của đơn vị mình.",
        "Only a unit's staff may file proposals and attach files to their unit's proposals.",
    ),
    "proposal.forbidden": (
        "Chỉ cán bộ đơn vị (đề xuất của đơn vị mình) và cán bộ đánh giá được xem đề xuất.",
        "Only a unit's staff (their own unit's) and the index's reviewers may read proposals.",
    ),
    "proposal.not_found": ("Không tìm thấy đề xuất {id}.", "Proposal {id} not found."),
    "proposal.framework_not_found": (
        "Không tìm thấy phiên bản bộ chỉ số {id}.",
        "Framework version {id} not found.",
    ),
    "proposal.criterion_required": (
        "Vui lòng chọn chỉ số cần sửa hoặc bỏ.",
        "Choose the indicator to change or remove.",
    ),
    "proposal.criterion_not_found": (
        "Bộ chỉ số {framework} không có chỉ số mã {code}.",
        "Framework {framework} has no criterion {code}.",
    ),
    "proposal.decided": (
        "Đề xuất {id} đã được xử lý ({status}): không đính kèm thêm tệp được.",
        "Proposal {id} has already been answered ({status}): no file can be attached.",
    ),
    "proposal.no_attachment": (
        "Đề xuất {id} không có tệp đính kèm.",
        "Proposal {id} has no attached file.",
    ),
    "proposal.target_required": (
        "Vui lòng chọn bộ chỉ số dự thảo tiếp nhận đề xuất.",
        "Choose the draft version the proposal is accepted into.",
    ),
    "proposal.code_required": (
        "Vui lòng nhập mã chỉ số trong dự thảo mà thay đổi gắn với đề xuất.",
        "Enter the criterion code in the draft that the change is linked to.",
    ),
    "proposal.target_not_draft": (
        "Bộ chỉ số {code} không còn là dự thảo ({status}): chỉ tiếp nhận đề xuất vào bản dự thảo.",
        "Framework {code} is not a draft ({status}): proposals are accepted into drafts only.",
    ),
    "proposal.duplicate_required": (
        "Vui lòng chọn đề xuất bị trùng.",
        "Choose the proposal this one duplicates.",
    ),
    "proposal.duplicate_self": (
        "Đề xuất không thể trùng với chính nó.",
        "A proposal cannot duplicate itself.",
    ),
    "proposal.duplicate_not_found": (
        "Không tìm thấy đề xuất {id}.",
        "Proposal {id} not found.",
    ),
    "proposal.duplicate_of_duplicate": (
        "Đề xuất {id} cũng là đề xuất trùng (với đề xuất {original}): hãy chọn đề xuất gốc.",
        "Proposal {id} is itself a duplicate (of proposal {original}): choose the original.",
    ),
    "proposal.reason_required": (
        "Vui lòng nêu lý do không tiếp nhận (đơn vị sẽ thấy).",
        "Give the reason for declining (the unit will see it).",
    ),
    "proposal.link_frozen": (
        "Đề xuất {id} đã được tiếp nhận vào bộ chỉ số {code}, nay không còn là dự thảo: không "
        "thay đổi được.",
        "Proposal {id} was accepted into framework {code}, which is no longer a draft: it "
        "cannot be changed.",
    ),
    "notify.proposal_accepted": (
        "{operator} đã tiếp nhận đề xuất số {id} «{title}» vào dự thảo {framework} "
        "(chỉ số {code}). {note}",
        "DIC accepted proposal no. {id} «{title}» into draft {framework} (criterion {code}). "
        "{note}",
    ),
    "notify.proposal_accepted.subject": (
        "Đề xuất số {id} được tiếp nhận",
        "Proposal no. {id} accepted",
    ),
    "notify.proposal_declined": (
        "{operator} không tiếp nhận đề xuất số {id} «{title}». Lý do: {note}",
        "DIC declined proposal no. {id} «{title}». Reason: {note}",
    ),
    "notify.proposal_declined.subject": (
        "Đề xuất số {id} không được tiếp nhận",
        "Proposal no. {id} declined",
    ),
    "notify.proposal_duplicate": (
        "{operator} ghi nhận đề xuất số {id} «{title}» trùng với đề xuất số {duplicate_of}. {note}",
        "DIC marked proposal no. {id} «{title}» as a duplicate of proposal no. {duplicate_of}. "
        "{note}",
    ),
    "notify.proposal_duplicate.subject": (
        "Đề xuất số {id} trùng với đề xuất đã có",
        "Proposal no. {id} duplicates another",
    ),
    # levels, pillar views and provenance of a framework (issue 17)
    "levels.first_not_zero": (
        "Mức đầu tiên phải bắt đầu từ chỉ số 0.",
        "The first level must start at index 0.",
    ),
    "levels.not_ascending": (
        "Ngưỡng các mức phải tăng dần: {min_index} không lớn hơn ngưỡng mức trước ({previous}).",
        "Levels must ascend: {min_index} is not above the previous level's ({previous}).",
    ),
    "levels.group_twice": (
        "Nhóm {code} đã có bộ mức độ khác (levels[{other}]).",
        "Group {code} already has another level set (levels[{other}]).",
    ),
    "levels.default_twice": (
        "Chỉ được một bộ mức độ mặc định (không ghi nhóm); đã có levels[{other}].",
        "Only one default level set (without groups) is allowed; levels[{other}] is one.",
    ),
    "pillar_views.unknown_criterion": (
        "Tiêu chí {code} không có trong bộ chỉ số.",
        "Criterion {code} is not in the framework.",
    ),
    "pillar_views.not_top_level": (
        "Tiêu chí {code} không phải chỉ số chính (cấp cao nhất); trụ cột chỉ gộp các tiêu chí "
        "cấp cao nhất.",
        "Criterion {code} is not a main (top-level) indicator; a pillar view adds up top-level "
        "criteria only.",
    ),
    "pillar_views.criterion_twice": (
        "Tiêu chí {code} được liệt kê hai lần trong trụ cột.",
        "Criterion {code} is listed twice in the pillar view.",
    ),
    "provenance.needs_mixed": (
        "Phần này ghi nguồn gốc «{kind}» khác với bộ chỉ số («{framework_kind}»): khi bộ chỉ số "
        "có cả phần có nguồn và phần minh họa, ghi nguồn gốc của bộ chỉ số là «mixed».",
        "This part is marked «{kind}» but the framework «{framework_kind}»: a framework with "
        "both sourced and illustrative parts is marked «mixed».",
    ),
    # practice rounds (vòng tập huấn, api/rounds/practice.py)
    "practice.not_practice": (
        "Kỳ đánh giá {id} không phải vòng tập huấn: chỉ vòng tập huấn mới được đặt lại.",
        "Round {id} is not a practice round: only practice rounds can be reset.",
    ),
    "practice.copy_of_practice": (
        "Kỳ {id} đã là vòng tập huấn; hãy tạo vòng tập huấn từ kỳ đánh giá thật.",
        "Round {id} is already a practice round; make a practice round from a real round.",
    ),
    "practice.no_publication": (
        "Kỳ {id} là vòng tập huấn: dữ liệu tập huấn không bao giờ được công bố.",
        "Round {id} is a practice round: practice data is never published.",
    ),
    "practice.no_urging": (
        "Kỳ {id} là vòng tập huấn: không gửi đôn đốc cho vòng tập huấn.",
        "Round {id} is a practice round: units are not urged in a practice round.",
    ),
    # help centre (issue 18): the support contact
    "help.contact_empty": (
        "Cần ít nhất số điện thoại đường dây nóng hoặc địa chỉ e-mail hỗ trợ.",
        "Give at least a hotline number or a support e-mail address.",
    ),
    "help.contact_phone": (
        "Số điện thoại chỉ gồm chữ số, khoảng trắng, dấu chấm, gạch ngang, ngoặc và dấu + ở đầu.",
        "A phone number holds digits, spaces, dots, dashes, brackets and a leading +.",
    ),
    "help.contact_email": (
        "Địa chỉ e-mail không hợp lệ (dạng ten@mien.vn).",
        "Not a valid e-mail address (like name@domain.vn).",
    ),
}

# Short titles of problem documents, by HTTP status.
TITLES: dict[int, tuple[str, str]] = {
    400: ("Yêu cầu không hợp lệ", "Bad request"),
    401: ("Chưa xác thực", "Unauthorized"),
    403: ("Không có quyền", "Forbidden"),
    404: ("Không tìm thấy", "Not found"),
    405: ("Phương thức không được hỗ trợ", "Method not allowed"),
    409: ("Xung đột trạng thái", "Conflict"),
    410: ("Không còn dữ liệu", "Gone"),
    412: ("Dữ liệu đã bị thay đổi", "Precondition failed"),
    413: ("Tệp quá lớn", "Payload too large"),
    415: ("Định dạng không được hỗ trợ", "Unsupported media type"),
    422: ("Dữ liệu không hợp lệ", "Unprocessable content"),
    428: ("Thiếu điều kiện If-Match", "Precondition required"),
    429: ("Quá nhiều yêu cầu", "Too many requests"),
    500: ("Lỗi hệ thống", "Internal server error"),
    503: ("Dịch vụ tạm thời không sẵn sàng", "Service unavailable"),
}


def negotiate_language(accept_language: str | None) -> Language:
    """Pick vi or en from an Accept-Language header (q-values honoured); Vietnamese by default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary not in ("vi", "en") or quality <= 0:
            continue
        language: Language = "vi" if primary == "vi" else "en"
        candidate = (quality, -position, language)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else DEFAULT_LANGUAGE


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def translate(code: str, language: Language, params: dict[str, object] | None = None) -> str:
    """The message for ``code`` in ``language``, with its placeholders filled."""
    vi, en = MESSAGES.get(code, MESSAGES["http.error"])
    template = vi if language == "vi" else en
    return template.format_map(_KeepMissing(params or {}))


def title(status: int, language: Language) -> str:
    """The short title of a problem document for an HTTP status."""
    vi, en = TITLES.get(status, TITLES[400] if status < 500 else TITLES[500])
    return vi if language == "vi" else en
