package dev.vae.app.cli;

import dev.vae.core.StepProfile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A training step's profile as a table for people and as a JSON object for programs. */
final class ProfileTable {
    /** Op classes shown by name; the cheaper ones share one row. */
    private static final int TOP = 10;

    private ProfileTable() {
    }

    static void print(StepProfile p, PrintWriter out) {
        if (!p.planned()) {
            out.println("profile: the training step is not compiled, so it runs through SameDiff's session and has"
                    + " no op table: " + p.refusal().orElseThrow().lines().findFirst().orElse(""));
            return;
        }
        out.printf("profile: %d ops per step, %.3f ms of CPU time per step (%.3f ms wall) over %d steps, the whole batch"
                + " on one thread; the plan's ops re-executed and timed one by one%n", p.ops(), p.stepMillis(),
                p.stepWallMillis(), p.steps());
        out.printf("  %-34s %5s %10s %7s%n", "part", "ops", "CPU ms", "share");
        List<StepProfile.OpClass> classes = p.opClasses();
        for (StepProfile.OpClass c : classes.subList(0, Math.min(TOP, classes.size()))) {
            row(out, p, c.name(), String.valueOf(c.count()), c.millis());
        }
        if (classes.size() > TOP) {
            List<StepProfile.OpClass> rest = classes.subList(TOP, classes.size());
            row(out, p, "other op classes (" + rest.size() + ")",
                    String.valueOf(rest.stream().mapToInt(StepProfile.OpClass::count).sum()),
                    rest.stream().mapToDouble(StepProfile.OpClass::millis).sum());
        }
        row(out, p, "RMSprop update", "", p.updateMillis());
        row(out, p, "other (batch, bindings, Java)", "", p.otherMillis());
    }

    private static void row(PrintWriter out, StepProfile p, String part, String ops, double millis) {
        out.printf("  %-34s %5s %10.3f %6.1f%%%n", part, ops, millis, p.share(millis));
    }

    static Map<String, Object> json(StepProfile p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("planned", p.planned());
        if (!p.planned()) {
            json.put("reason", p.refusal().orElseThrow());
            return json;
        }
        json.put("ops", p.ops());
        json.put("steps", p.steps());
        json.put("step_cpu_ms", p.stepMillis());
        json.put("step_wall_ms", p.stepWallMillis());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (StepProfile.OpClass c : p.opClasses()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("op_class", c.name());
            row.put("count", c.count());
            row.put("cpu_ms_per_step", c.millis());
            row.put("share_percent", p.share(c.millis()));
            classes.add(row);
        }
        json.put("op_classes", classes);
        json.put("update_cpu_ms", p.updateMillis());
        json.put("update_share_percent", p.share(p.updateMillis()));
        json.put("other_cpu_ms", p.otherMillis());
        json.put("other_share_percent", p.share(p.otherMillis()));
        return json;
    }
}
