-- Rules sorted by their next fire (the workbench's "next scheduled fires").
CREATE INDEX "automation_rule_next_fire_at_idx" ON "automation_rule"("next_fire_at");
