#!/usr/bin/env python3
"""Browser walk-through of the pages in headless Chromium (Debian's chromium and chromium-driver, Selenium from PyPI).

Against a running `dualprev serve --demo`: an officer logs in and reports a hazard with a photo from the camera input,
the director issues the rectification notice, the officer acknowledges, starts and submits with an "after" photo,
the director (not the rectifier) accepts, and the district regulator's closed-loop figures change. Screenshots of the
main pages and a PDF of the printed notice go to the artifacts folder; the notice must fit one A4 page and carry every
field of the paper form. Every page the walk opens, and every list, is then looked at as each role at a phone's width
(390 px: nothing scrolls sideways, every list is a list of cards, every menu item is in sight) and at a desk's
(1366 px), with a screenshot of each.

Usage: browser_walkthrough.py BASE_URL ARTIFACTS_DIR
"""
import base64
import datetime
import os
import re
import struct
import sys
import zlib

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
OUT = sys.argv[2]
PASSWORD = "dualprev-demo-2026"
os.makedirs(OUT, exist_ok=True)


def png(path, rgb):
    """A small solid-colour PNG, standing in for a camera photo."""
    width, height = 64, 48
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return os.path.abspath(path)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(5)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    else:
        print("ok:", message)


def shot(name):
    driver.save_screenshot(os.path.join(OUT, name + ".png"))


def replaced(element):
    """Whether the page holding the element is gone. While the next page loads, Chrome may answer a question about the
    old node with "Node with given id does not belong to the document" instead of a stale-element error: both mean gone."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    return gone


def submit(button):
    """Clicks a form's button and waits until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(replaced(old))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def go(path):
    driver.get(BASE + path)


def login(name):
    driver.delete_all_cookies()
    go("/login")
    driver.find_element(By.NAME, "login").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
    check("/login" not in driver.current_url, f"{name} logs in")
    if "/login" in driver.current_url:
        shot("failed-login-" + name)
        print(driver.find_element(By.TAG_NAME, "main").text)


def act(hazard, action, fields=None, files=None, select=None):
    """Opens an action's form on the hazard page, fills it and sends it."""
    go(f"/hazards/{hazard}")
    forms = driver.find_elements(By.CSS_SELECTOR, f"form[action='/hazards/{hazard}/{action}']")
    check(len(forms) == 1, f"the action {action} is offered on hazard {hazard}")
    if not forms:
        return
    form = forms[0]
    driver.execute_script("arguments[0].closest('details').open = true", form)
    for name, value in (select or {}).items():
        Select(form.find_element(By.NAME, name)).select_by_visible_text(value) if not value.isdigit() else \
            Select(form.find_element(By.NAME, name)).select_by_value(value)
    for name, value in (fields or {}).items():
        element = form.find_element(By.NAME, name)
        if element.get_attribute("type") == "date":
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.send_keys(value)
    for name, path in (files or {}).items():
        form.find_element(By.NAME, name).send_keys(path)
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(driver.current_url.rstrip("/").endswith(f"/hazards/{hazard}"), f"{action} lands back on the hazard page")


PHONE, DESK = (390, 844), (1366, 900)
FITS = """
const width = window.innerWidth, boxes = [], cut = [];
for (const box of document.querySelectorAll('main *')) {
  const style = getComputedStyle(box);
  if (['auto', 'scroll'].includes(style.overflowX) && box.scrollWidth > box.clientWidth + 1) boxes.push(box.tagName.toLowerCase() + '.' + box.className);
}
for (const a of document.querySelectorAll('header nav a')) {
  const r = a.getBoundingClientRect();
  if (r.width == 0 || r.left < 0 || r.right > width + 1) cut.push(a.textContent.trim());
}
return [document.documentElement.scrollWidth, document.documentElement.clientWidth, boxes, cut, document.body.innerText];
"""
# What no page may show in its visible text (a closed <details> is not visible): a rule code such as DEADLINE-FUTURE,
# a command line, an option, or an audit event code such as hazard.acceptFail.
CODES = re.compile(r"\b[A-Z]{3,}(?:-[A-Z]{2,})+\b|dualprev [a-z]|(?<![\w-])--[a-z]|\bhazard\.[a-z]")


def layouts(role, pages):
    """Each page at a phone's width and at a desk's, with a screenshot of each. On the phone nothing scrolls sideways:
    not the page, not a table in its box (a list is a list of cards), and no menu item is cut off."""
    for width, height in (PHONE, DESK):
        driver.set_window_size(width, height)
        for name, path in pages:
            go(path)
            driver.save_screenshot(os.path.join(OUT, f"{width}-{role}-{name}.png"))
            if width == DESK[0]:
                # axe-core over the page as it stands: nothing serious or critical (contrast, names, labels, roles).
                axe = Axe(driver)
                axe.inject()
                bad = [v for v in axe.run()["violations"] if v["impact"] in ("serious", "critical")]
                check(not bad, f"{path} has no serious accessibility violation for the {role}"
                      + ("" if not bad else f" ({[(v['id'], v['nodes'][0]['target']) for v in bad]})"))
            if width == PHONE[0]:
                scroll, window, boxes, cut, text = driver.execute_script(FITS)
                fits = scroll <= window + 1 and not boxes and not cut
                check(fits, f"{path} fits a {width} px phone for the {role}"
                      + ("" if fits else f" (page {scroll} px wide in {window} px, scrolling: {boxes}, menu items cut off: {cut})"))
                codes = sorted(set(m.group(0) for m in CODES.finditer(text)))
                check(not codes, f"{path} shows no rule code or command line to the {role}" + (f" (shows {codes})" if codes else ""))
    driver.set_window_size(*DESK)


def regulator_figures():
    """The district row of the regulator's overview: found, open, closed-loop rate."""
    go("/")
    row = driver.find_element(By.XPATH, "//tr[contains(@class,'leaf')][.//a[contains(text(),'恒信塑业')]]")
    cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
    return cells[2], cells[3], cells[4]


try:
    # The regulator's figures before.
    login("椒江分局 陈刚")
    before = regulator_figures()
    shot("regulator-overview")

    # An officer reports a hazard with a photo.
    login("王海涛")
    shot("enterprise-dashboard")
    check("风险四色分布" in driver.page_source and "<svg" in driver.page_source, "the dashboard shows the four-colour chart")
    go("/risks")
    shot("risk-register")
    go("/hazards/new")
    Select(driver.find_element(By.NAME, "workshopID")).select_by_visible_text("注塑车间")
    driver.find_element(By.NAME, "description").send_keys("浏览器测试：注塑机防护罩松动，出料口有毛刺")
    driver.find_element(By.NAME, "location").send_keys("注塑车间 3 号机")
    driver.find_element(By.NAME, "photo").send_keys(png(os.path.join(OUT, "before.png"), (200, 60, 40)))
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/hazards/new'] button"))
    match = re.search(r"/hazards/(\d+)$", driver.current_url)
    check(match is not None, "reporting lands on the new hazard's page")
    hazard = match.group(1)
    check("整改前" in driver.page_source and "<img" in driver.page_source, "the before photo is shown")

    # The director issues the notice to the officer.
    login("林晓燕")
    deadline = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    act(hazard, "notice", fields={"measures": "紧固防护罩，去除毛刺，复查同类设备", "deadline": deadline,
                                  "nature": "可能导致产品划伤和人员受伤"}, select={"receiverID": "王海涛 · 质量安全员"})
    check("隐患整改通知单" in driver.page_source or "ZG-" in driver.page_source, "the notice is on the hazard page")
    go(f"/hazards/{hazard}/print/notice")
    shot("print-notice")
    text = driver.find_element(By.TAG_NAME, "body").text
    for field in ("受检单位", "隐患编号", "隐患等级", "发现时间", "发现人", "隐患部位", "隐患描述", "隐患性质及可能后果",
                  "整改要求", "整改期限", "责任单位", "整改责任人", "签发人", "接收人签字"):
        check(field in text, f"the printed notice carries {field}")
    a4 = PrintOptions()
    a4.page_width, a4.page_height = 21.0, 29.7
    a4.margin_top = a4.margin_bottom = a4.margin_left = a4.margin_right = 0
    a4.background = True
    pdf = base64.b64decode(driver.print_page(a4))
    with open(os.path.join(OUT, "notice.pdf"), "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    check(pages == 1, f"the printed notice is one page (it is {pages})")
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    check(bool(sizes) and abs(float(sizes[0][0]) - 595) < 2 and abs(float(sizes[0][1]) - 842) < 2, f"the PDF page is A4 ({sizes[:1]})")

    # The officer acknowledges, starts and submits with an "after" photo.
    login("王海涛")
    act(hazard, "acknowledge")
    act(hazard, "start")
    act(hazard, "submit", fields={"measuresTaken": "防护罩已紧固，毛刺已去除，同类设备已复查"},
        files={"photo": png(os.path.join(OUT, "after.png"), (40, 160, 80))})
    check("整改后" in driver.page_source, "the after photo is shown")
    shot("hazard-page")
    # The rectifier may not accept his own work: the action is not offered.
    check(not driver.find_elements(By.CSS_SELECTOR, f"form[action='/hazards/{hazard}/accept']"), "the rectifier is not offered acceptance")

    # The director fails the first acceptance; the officer, on a phone, sees why at the top of the hazard page.
    login("林晓燕")
    act(hazard, "reject", fields={"criteria": "防护罩无松动，出料口无毛刺", "reason": "复查仍有两处毛刺未去除"})
    login("王海涛")
    driver.set_window_size(*PHONE)
    go(f"/hazards/{hazard}")
    shot("390-rejected-rectifier")
    rejected = driver.find_elements(By.CSS_SELECTOR, ".card.rejected")
    check(bool(rejected) and "复查仍有两处毛刺未去除" in rejected[0].text and rejected[0].is_displayed(),
          "the rejected rectifier sees the reasons on the hazard page with no click")
    heading = driver.find_elements(By.XPATH, "//h2[contains(., '您可以执行的操作')]")
    check(bool(rejected) and bool(heading) and rejected[0].location["y"] < heading[0].location["y"], "the reasons come before the actions")
    check("验收不通过：复查仍有两处毛刺未去除" in driver.find_element(By.TAG_NAME, "main").text, "the timeline says it in words")
    # A refused form comes back open, with what was typed and the reason in words beside it.
    form = driver.find_element(By.CSS_SELECTOR, f"form[action='/hazards/{hazard}/extend']")
    driver.execute_script("arguments[0].closest('details').open = true", form)
    form.find_element(By.NAME, "reason").send_keys("备件需从厂家调货")
    driver.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "until"), "2020-01-01")
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    shot("390-refused-form")
    kept = driver.find_elements(By.CSS_SELECTOR, f"form[action='/hazards/{hazard}/extend'] textarea[name=reason]")
    check(bool(kept) and kept[0].get_attribute("value") == "备件需从厂家调货", "the refused form keeps what was typed")
    said = driver.find_elements(By.CSS_SELECTOR, f"form[action='/hazards/{hazard}/extend'] p.error")
    check(bool(said) and said[0].is_displayed() and not CODES.search(said[0].text), "the refusal is said in words beside the form")
    driver.set_window_size(*DESK)
    act(hazard, "submit", fields={"measuresTaken": "剩余毛刺已去除，同类设备逐台复查"})

    # The director accepts.
    login("林晓燕")
    act(hazard, "accept", fields={"criteria": "防护罩无松动，出料口无毛刺", "opinion": "整改到位，同意闭环"})
    check("已闭环" in driver.page_source, "the hazard is closed")
    go(f"/hazards/{hazard}/print/acceptance")
    shot("print-acceptance")
    check("☑ 通过" in driver.find_element(By.TAG_NAME, "body").text, "the acceptance form shows the pass")

    # English switch.
    go(f"/hazards/{hazard}")
    submit(driver.find_element(By.CSS_SELECTOR, "a.lang"))
    check("Timeline" in driver.page_source and "Hazards" in driver.page_source, "the English switch works")
    submit(driver.find_element(By.CSS_SELECTOR, "a.lang"))

    # The regulator's figures after: one more found, and the closed-loop rate moved.
    login("椒江分局 陈刚")
    after = regulator_figures()
    check(int(after[0]) == int(before[0]) + 1, f"the regulator sees one more hazard found ({before[0]} → {after[0]})")
    check(after[2] != before[2], f"the closed-loop rate changed ({before[2]} → {after[2]})")
    go("/credit")
    shot("regulator-credit")
    go("/lists")
    shot("regulator-lists")
    # Another district's enterprise is out of reach by a guessed id.
    go("/enterprises/2")
    check("404" in driver.page_source, "a district regulator cannot open another district's enterprise")

    # The assessor's benchmark report.
    login("评估专家 马文")
    go("/benchmark")
    options = [o.text for o in Select(driver.find_element(By.NAME, "enterprise")).options]
    check(options == ["台州恒信塑业有限公司"], f"the assessor is offered only the enterprise assigned ({options})")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/benchmark/report'] button"))
    check("<svg" in driver.page_source and "台州恒信塑业有限公司" in driver.page_source, "the benchmark report shows its charts")
    shot("assessor-benchmark-report")
    go("/enterprises/2")
    check("404" in driver.page_source, "the assessor cannot open an enterprise not assigned")

    # A warning from issue to closure: the district pushes it to the e-bike makers, the maker's director acknowledges
    # and answers with a failed item, the hazard it opens goes round the loop, and the task closes with it.
    login("路桥分局 赵敏")
    go("/warnings")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/warnings']")
    form.find_element(By.NAME, "title").send_keys("浏览器测试：电动自行车充电安全预警")
    form.find_element(By.NAME, "text").send_keys("请排查充电器与蓄电池匹配和电池仓通风")
    form.find_element(By.NAME, "category").send_keys("电动自行车")
    form.find_element(By.NAME, "items").send_keys("W1=充电器与蓄电池匹配\nW2=电池仓通风")
    driver.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "deadline"),
                          (datetime.date.today() + datetime.timedelta(days=10)).isoformat())
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    match = re.search(r"/warnings/(\d+)$", driver.current_url)
    check(match is not None, "issuing lands on the warning's page")
    warning = match.group(1) if match else "0"
    check("台州路桥安驰电动车有限公司" in driver.page_source and "待签收" in driver.page_source,
          "the e-bike maker has a task, not yet acknowledged")
    check("恒信塑业" not in driver.page_source, "no enterprise of another category has a task")
    shot("warning-issued")

    login("何丽")
    check(driver.find_elements(By.CSS_SELECTOR, "a.inbox .badge"), "the header counts what waits in the inbox")
    go("/inbox")
    check("答复风险预警" in driver.page_source, "the warning waits in the director's inbox")
    shot("inbox")
    go(f"/warnings/{warning}")
    submit(driver.find_element(By.CSS_SELECTOR, f"form[action='/warnings/{warning}/acknowledge'] button"))
    form = driver.find_element(By.CSS_SELECTOR, f"form[action='/warnings/{warning}/answer']")
    form.find_element(By.CSS_SELECTOR, "input[name='item.W2'][value='fail']").click()
    form.find_element(By.NAME, "note.W2").send_keys("电池仓排风扇损坏")
    Select(form.find_element(By.NAME, "workshop")).select_by_visible_text("电气装配车间")
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("隐患整改中" in driver.page_source, "the failed item leaves the task with a hazard open")
    link = re.search(r'href="/hazards/(\d+)"', driver.page_source)
    check(link is not None, "the task links the hazard it opened")
    found = link.group(1) if link else "0"
    deadline = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    act(found, "notice", fields={"measures": "更换排风扇", "deadline": deadline, "nature": "电池仓温度升高"},
        select={"receiverID": "何丽 · 质量安全总监"})
    act(found, "acknowledge")
    act(found, "start")
    act(found, "submit", fields={"measuresTaken": "排风扇已更换"})
    login("沈浩")
    act(found, "accept", fields={"criteria": "电池仓通风正常", "opinion": "同意闭环"})
    check("已闭环" in driver.page_source, "the warning's hazard is closed")
    login("路桥分局 赵敏")
    go(f"/warnings/{warning}")
    check("已闭环" in driver.page_source and "逾期" not in driver.page_source.split("分辖区情况")[0],
          "closing the hazard closed the task, on time")
    shot("warning-closed")

    # Every page of the walk and every list, as each role, on a phone and on a desk. The print forms are A4 sheets and
    # the benchmark report a standalone export: they are looked at above, not here.
    for role, person, pages in (
        ("regulator", "椒江分局 陈刚", [("overview", "/"), ("hazards", "/hazards"), ("hazard", f"/hazards/{hazard}"),
                                    ("checks", "/checks"), ("risks", "/risks"), ("credit", "/credit"), ("credit-detail", "/credit/1"),
                                    ("lists", "/lists"), ("warnings", "/warnings"), ("inspections", "/inspections"),
                                    ("hazards-listed", "/hazards?listed=1&sort=deadline"),
                                    ("inbox", "/inbox"), ("enterprise", "/enterprises/1")]),
        ("officer", "王海涛", [("dashboard", "/"), ("risks", "/risks"), ("checks", "/checks"), ("check-run", "/checks/1"),
                             ("check-record", "/checks/runs/1"), ("hazards-mine", "/hazards?mine=1"),
                             ("hazards", "/hazards"), ("hazard-new", "/hazards/new"), ("hazard", f"/hazards/{hazard}"),
                             ("warnings", "/warnings"), ("credit", "/credit"), ("inbox", "/inbox")]),
        ("director", "林晓燕", [("dashboard", "/"), ("hazards", "/hazards"), ("hazard", f"/hazards/{hazard}"), ("lists", "/lists"),
                              ("inbox", "/inbox")]),
        ("assessor", "评估专家 马文", [("benchmark", "/benchmark")]),
        ("district", "路桥分局 赵敏", [("overview", "/"), ("warnings", "/warnings"), ("warning", f"/warnings/{warning}"),
                                   ("inspections", "/inspections"), ("hazards", "/hazards")]),
        ("maker", "何丽", [("dashboard", "/"), ("inbox", "/inbox"), ("warning", f"/warnings/{warning}"),
                         ("hazard", f"/hazards/{found}"), ("inspections", "/inspections")]),
    ):
        login(person)
        layouts(role, pages)

    # The hazard page on a phone.
    login("王海涛")
    driver.set_window_size(390, 844)
    go(f"/hazards/{hazard}")
    shot("phone-hazard-page")
finally:
    driver.quit()

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("browser walk-through passed")
