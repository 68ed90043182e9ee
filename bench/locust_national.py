"""What a province committee's staff do, for bench/bench_load.py (Locust).

Each simulated person has a session of a province's committee staff made beforehand
(no password hashing under load) and, between requests, thinks one to three seconds.
"""

import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["DANGBO_LOAD_DATA"], encoding="utf-8").read())


class CommitteeStaff(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.me = random.choice(DATA["staff"])
        self.client.cookies.set("sessionid", self.me["session"])

    @task(2)
    def dashboard(self):
        self.client.get("/", name="dashboard")

    @task(4)
    def member_search(self):
        term = random.choice(DATA["terms"])
        self.client.get("/members/", params={"org": self.me["province"], "q": term, "page": random.randint(1, 3)},
                        name="member search")

    @task(4)
    def member_page(self):
        self.client.get(f"/members/{random.choice(self.me['members'])}/", name="member page")

    @task(2)
    def report_page(self):
        code, year = random.choice(self.me["reports"])
        self.client.get(f"/reports/{code}/{year}/", name="report page")
