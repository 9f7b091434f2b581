package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;

import java.util.LinkedHashMap;
import java.util.Map;

/** A workload around one znode path: its name, the path as a parameter, and a setup that creates the path. */
abstract class PathWorkload implements Workload {

    private final String name;
    final String path;

    PathWorkload(String name, String path) {
        this.name = name;
        this.path = path;
    }

    @Override
    public String name() {
        return name;
    }

    /** The path; subclasses add their own parameters to this modifiable map. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", path);
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        Znodes.ensure(admin, path);
    }
}
