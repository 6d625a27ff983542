package dev.kiln.server.model3d;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.SceneSpecJson;
import dev.kiln.mesh.text.Interpretation;
import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.files.FileService;
import dev.kiln.server.files.StoredFile;
import dev.kiln.server.model3d.external.ExternalGenerator;
import dev.kiln.server.model3d.external.ExternalGenerators;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every text-to-3D rule in one place (REST and socket share it): input validation, who may see or
 * change a model, the asset library, versions and downloads. Jobs themselves run in {@link ModelJobs}.
 *
 * <p>Visibility: the owner, and members of every conversation the model was generated in or shared
 * into. Anyone else gets 404, so that the existence of a private model is not revealed. Changing a
 * model (rename, tags, delete, cancel) is for its owner (403 for others who can see it); adding a
 * version or sharing is for anyone who can see it.
 */
@Service
public class ModelService {
    static final List<String> FORMATS = List.of("glb", "gltf", "obj", "obj.zip", "stl");
    /** Triangle share kept at each level of detail (level 0 is the model itself). */
    static final double[] LOD_RATIOS = {1.0, 0.3, 0.08};
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,39}");
    private static final int MAX_TAGS = 20;
    private static final int MAX_VERSIONS = 200;
    private static final int PAGE_MAX = 100;

    /** A file ready to send. */
    public record Download(String fileName, String mediaType, Path path) {}

    private final ModelRepository repo;
    private final ModelJobs jobs;
    private final ModelGenerator generator;
    private final ModelFiles files;
    private final ModelViews views;
    private final ExternalGenerators externals;
    private final FileService uploads;
    private final ChatService chat;
    private final RoomFanout fanout;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;
    private final KilnProperties.Model3d cfg;
    private final int nameMaxChars;

    public ModelService(ModelRepository repo, ModelJobs jobs, ModelGenerator generator, ModelFiles files, ModelViews views,
                        ExternalGenerators externals, FileService uploads, ChatService chat, RoomFanout fanout, TransactionTemplate tx,
                        java.time.Clock clock, KilnProperties props) {
        this.repo = repo;
        this.jobs = jobs;
        this.generator = generator;
        this.files = files;
        this.views = views;
        this.externals = externals;
        this.uploads = uploads;
        this.chat = chat;
        this.fanout = fanout;
        this.tx = tx;
        this.clock = clock;
        this.cfg = props.model3d();
        this.nameMaxChars = props.limits().nameMaxChars();
    }

    // ---- generation -----------------------------------------------------------------------------------

    public ModelViews.Accepted generate(AuthUser caller, ModelCommands.Generate cmd) {
        if (cmd == null) throw ApiException.badRequest("request body is required");
        String description = cmd.description() == null ? "" : cmd.description().strip();
        boolean hasImage = cmd.imageFileId() != null && !cmd.imageFileId().isBlank();
        if (description.isEmpty() && !hasImage) throw ApiException.invalidField("description", "must not be blank");
        if (description.length() > cfg.descriptionMaxChars())
            throw ApiException.invalidField("description", "must be at most " + cfg.descriptionMaxChars() + " characters");
        ModelCommands.GenerateOptions options = cmd.options() == null ? new ModelCommands.GenerateOptions(null, null, null) : cmd.options();
        String complexity = oneOf("options.complexity", options.complexity(), "medium", "low", "medium", "high");
        String style = oneOf("options.style", options.style(), "smooth", "smooth", "flat");
        Long conversationId = null;
        if (cmd.conversationId() != null && !cmd.conversationId().isEmpty()) {
            Conversation c = chat.requireConversation(cmd.conversationId());
            chat.requireMember(c, caller.id());
            conversationId = c.id();
        }
        FileService.Readable image = hasImage ? requireImage(caller, cmd.imageFileId()) : null;
        Long imageFileId = image == null ? null : image.file().id();
        // A picture speaks for itself: without a description its file name names the model.
        if (description.isEmpty()) description = image.file().name();
        String generatorId = chooseGenerator(options.generator(), image != null);
        if (ExternalGenerators.RELIEF.equals(generatorId) || ExternalGenerators.LITHOPHANE.equals(generatorId)) requireReliefPicture(image.file());
        if (ExternalGenerators.PROCEDURAL.equals(generatorId)) {
            // Reading the description is cheap: refuse what cannot be built now rather than fail the job later. External
            // generators read anything, so their jobs are accepted (and fail with both reasons if they also fall back).
            Interpretation interpretation = generator.interpret(description, ModelGenerator.complexity(complexity));
            generator.requireBuildable(interpretation);
        }

        long now = clock.millis();
        StoredModel m = new StoredModel(Ids.next(), caller.id(), caller.username(), conversationId, defaultName(description), description,
                complexity, style, StoredModel.QUEUED, 0, "queued", null, null, null, now, null, null, now, null, generatorId, null,
                imageFileId);
        Long shareIn = conversationId;
        ModelViews.Accepted accepted = jobs.admit(m, () -> tx.executeWithoutResult(s -> {
            repo.insert(m, jobs.node(), jobs.newLease());
            if (shareIn != null) repo.share(m.id(), shareIn, caller.id(), now);
        }));
        return accepted;
    }

    /** The generators a request may name here (GET /api/3d/generators). */
    public List<ExternalGenerators.Info> generators() {
        return externals.list();
    }

    /** The engine's shapes and the parameter ranges a spec is validated against. */
    public List<ModelViews.ShapeView> shapes() {
        return generator.shapes();
    }

    /** {@code options.generator}, or the server's preferred one for this input; 400 when it cannot serve the request. */
    private String chooseGenerator(String requested, boolean image) {
        String available = String.join(", ", externals.list().stream().map(ExternalGenerators.Info::id).toList());
        if (requested == null || requested.isBlank()) {
            String chosen = externals.defaultFor(image);
            if (chosen == null) {
                throw ApiException.invalidField("imageFileId", "no image-to-3D generator is configured on this server (available: " + available + ")");
            }
            return chosen;
        }
        String id = requested.strip().toLowerCase(Locale.ROOT);
        if (!ExternalGenerators.KNOWN.contains(id)) {
            throw ApiException.invalidField("options.generator", "must be one of " + String.join(", ", ExternalGenerators.KNOWN)
                    + " (got \"" + truncate(requested, 40) + "\")");
        }
        if (!externals.available(id)) {
            throw ApiException.invalidField("options.generator", id + " is not configured on this server (available: " + available + ")");
        }
        boolean takesImage = externals.input(id) == ExternalGenerator.Input.IMAGE;
        if (takesImage && !image) throw ApiException.invalidField("imageFileId", id + " makes a model from a picture: upload one and pass its file id");
        if (!takesImage && image) throw ApiException.invalidField("imageFileId", id + " makes a model from the description alone; leave imageFileId out");
        return id;
    }

    /** An uploaded PNG, JPEG or WebP the caller may read (404 / 403 as for the file itself). */
    private FileService.Readable requireImage(AuthUser caller, String fileId) {
        FileService.Readable file;
        try {
            file = uploads.open(caller, fileId, false);
        } catch (ApiException e) {
            if (e.status().value() == 400) throw ApiException.invalidField("imageFileId", "is not a file id");
            throw e;
        }
        String type = file.file().contentType();
        if (!List.of("image/png", "image/jpeg", "image/webp").contains(type)) {
            throw ApiException.invalidField("imageFileId", "must be a PNG, JPEG or WebP picture (this file is " + type + ")");
        }
        return file;
    }

    /** The built-in engine reads PNG and JPEG (not WebP); uploads that had no size recorded were unreadable or too large to decode. */
    private static void requireReliefPicture(StoredFile file) {
        if (!List.of("image/png", "image/jpeg").contains(file.contentType())) {
            throw ApiException.invalidField("imageFileId", "a relief or lithophane needs a PNG or JPEG picture (this file is "
                    + file.contentType() + ")");
        }
        if (file.width() == null || file.height() == null) {
            throw ApiException.invalidField("imageFileId", "is not a picture the built-in engine can read (PNG or JPEG of at most "
                    + ModelGenerator.RELIEF_MAX_PIXELS / 1_000_000 + " megapixels)");
        }
    }

    public ModelViews.Status status(AuthUser caller, String id) {
        StoredModel m = requireVisible(caller, id);
        return views.status(m, current(m), repo.tags(m.id()));
    }

    public ModelViews.Status cancel(AuthUser caller, String id) {
        StoredModel m = requireOwned(caller, id);
        jobs.cancel(m);
        return status(caller, id);
    }

    // ---- models ---------------------------------------------------------------------------------------

    public ModelViews.Detail model(AuthUser caller, String id) {
        StoredModel m = requireVisible(caller, id);
        return views.detail(m, current(m), repo.tags(m.id()), repo.versionNumbers(m.id()), repo.sharedIn(m.id()));
    }

    public ModelViews.Summary update(AuthUser caller, String id, ModelCommands.Update cmd) {
        StoredModel m = requireOwned(caller, id);
        if (cmd == null) throw ApiException.badRequest("request body is required");
        String name = null;
        if (cmd.name() != null) {
            name = cmd.name().strip();
            if (name.isEmpty()) throw ApiException.invalidField("name", "must not be blank");
            if (name.length() > nameMaxChars) throw ApiException.invalidField("name", "must be at most " + nameMaxChars + " characters");
        }
        Set<String> tags = cmd.tags() == null ? null : tags(cmd.tags());
        long now = clock.millis();
        String newName = name;
        tx.executeWithoutResult(s -> {
            if (newName != null) repo.rename(m.id(), newName, now);
            if (tags != null) repo.replaceTags(m.id(), tags);
        });
        StoredModel after = repo.find(m.id()).orElseThrow();
        return views.summary(after, current(after), repo.tags(m.id()));
    }

    public ModelViews.Summary share(AuthUser caller, String id, ModelCommands.Share cmd) {
        StoredModel m = requireVisible(caller, id);
        if (cmd == null || cmd.conversationId() == null) throw ApiException.invalidField("conversationId", "is required");
        Conversation c = chat.requireConversation(cmd.conversationId());
        chat.requireMember(c, caller.id());
        if (!m.completed()) throw ApiException.conflict("only a completed model can be shared (this one is " + m.status() + ")");
        if (repo.share(m.id(), c.id(), caller.id(), clock.millis())) {
            chat.send(caller, new SendMessage(Ids.format(c.id()), "🧊 " + m.name() + "\n/api/3d/models/" + Ids.format(m.id()), null, null,
                    "3d-share-" + Ids.format(m.id()) + "-" + Ids.format(c.id()), null));
        }
        return views.summary(m, current(m), repo.tags(m.id()));
    }

    public void delete(AuthUser caller, String id) {
        StoredModel m = requireOwned(caller, id);
        if (m.active()) {
            try {
                jobs.cancel(m);
            } catch (ApiException finishedMeanwhile) {
                // it ended between the read and the cancel: delete it all the same
            }
        }
        repo.softDelete(m.id(), clock.millis());
        files.deleteAll(m.id());
    }

    /** Stores an edited spec as a new version: validated (400 with every problem), built and exported now. */
    public ModelViews.Detail addVersion(AuthUser caller, String id, JsonNode body) {
        StoredModel m = requireVisible(caller, id);
        if (!m.completed()) throw ApiException.conflict("the model is " + m.status() + "; versions can be added once it has completed");
        if (body == null || !body.isObject() || !body.has("spec") || !body.get("spec").isObject())
            throw ApiException.invalidField("spec", "must be a scene spec object");
        SceneSpec spec = generator.parseSpec(body.get("spec").toString());
        Options options = new Options(ModelGenerator.complexity(m.complexity()), ModelGenerator.style(m.style()));
        GeneratedModel model;
        byte[] glb;
        try {
            model = generator.fromSpec(spec, options, null);
            glb = generator.glb(model);
        } catch (RuntimeException e) {
            String reason = ModelGenerator.reason(e);
            if (reason == null) throw e;
            throw ApiException.invalidField("spec", reason);
        }
        int version = saveVersion(caller, m, model, glb);
        Map<String, Object> event = ModelJobs.event(m);
        event.put("modelId", Ids.format(m.id()));
        event.put("version", version);
        event.put("userId", caller.idString());
        event.put("urls", ModelViews.urls(m.id()));
        event.put("stats", ModelViews.stats(model.stats()));
        for (Long c : repo.sharedIn(m.id())) fanout.publish(RoomFanout.conversationRoom(c), "3d_model_updated", event);
        return model(caller, id);
    }

    /**
     * Stores the next version number. This instance serialises its own saves; another instance saving the same model
     * at the same moment can take the number first (the insert then fails on the version's key), so the number is
     * taken again, a few times, before the caller gets a 409 instead of a 500.
     */
    private int saveVersion(AuthUser caller, StoredModel m, GeneratedModel model, byte[] glb) {
        for (int attempt = 1; ; attempt++) {
            synchronized (this) {
                int version = repo.latestVersion(m.id()) + 1;
                if (version > MAX_VERSIONS) throw ApiException.conflict("a model keeps at most " + MAX_VERSIONS + " versions");
                String key = ModelFiles.key(m.id(), version, "glb");
                long now = clock.millis();
                StoredVersion v = new StoredVersion(m.id(), version, SceneSpecJson.write(model.spec()), null, model.stats().triangles(),
                        model.stats().vertices(), model.stats().objects(), views.boundsJson(model), key, glb.length, caller.id(), now,
                        StoredVersion.PROCEDURAL, null);
                try {
                    tx.executeWithoutResult(s -> {
                        files.keep(m.id(), key, glb);
                        repo.insertVersion(v);
                        repo.setCurrentVersion(m.id(), version, now);
                    });
                } catch (DataAccessException e) {
                    if (repo.latestVersion(m.id()) < version) throw e; // not a lost race: a real failure
                    if (attempt >= 5) throw ApiException.conflict("other versions of this model were being saved at the same moment; save again");
                    continue;
                }
                files.cache(key, glb);
                return version;
            }
        }
    }

    public ModelViews.AssetPage assets(AuthUser caller, String q, String tag, Integer page, Integer size) {
        String text = q == null ? "" : q.strip();
        if (text.length() > 200) throw ApiException.invalidField("q", "must be at most 200 characters");
        String t = tag == null || tag.isBlank() ? "" : tag.strip().toLowerCase(Locale.ROOT);
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        if (p < 0 || p > 100_000) throw ApiException.invalidField("page", "must be between 0 and 100000");
        if (n < 1 || n > PAGE_MAX) throw ApiException.invalidField("size", "must be between 1 and " + PAGE_MAX);
        ModelRepository.Page found = repo.assets(caller.id(), text, t, p, n);
        Map<Long, StoredVersion> versions = repo.currentVersions(found.items());
        List<ModelViews.Summary> items = found.items().stream().map(m -> views.summary(m, versions.get(m.id()), repo.tags(m.id()))).toList();
        return new ModelViews.AssetPage(items, p, n, found.total(), (long) (p + 1) * n < found.total());
    }

    /**
     * Opens a download. The GLB is the stored one (from the database through this node's cache, whichever node made it);
     * other formats are exported from the spec, or converted from an external generator's GLB, on first request here and
     * cached. {@code lod} 1 or 2 asks for a simplified GLB (about 30 % and 8 % of the triangles) for viewers showing a large
     * model from afar.
     */
    public Download download(AuthUser caller, String id, String format, Integer versionNumber, Integer lod) {
        StoredModel m = requireVisible(caller, id);
        String f = format == null ? "glb" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) throw ApiException.invalidField("format", "must be one of " + String.join(", ", FORMATS));
        int level = lod == null ? 0 : lod;
        if (level < 0 || level >= LOD_RATIOS.length) throw ApiException.invalidField("lod", "must be 0, 1 or 2");
        if (level > 0 && !f.equals("glb")) throw ApiException.invalidField("lod", "levels of detail are GLB files; use format=glb");
        if (!m.completed() || m.currentVersion() == null)
            throw ApiException.conflict("the model is " + m.status() + "; it can be downloaded once it has completed");
        int vn = versionNumber == null ? m.currentVersion() : versionNumber;
        StoredVersion v = repo.version(m.id(), vn).orElseThrow(() -> ApiException.notFound("no such version"));
        String baseName = fileBase(m.name()) + (vn == 1 ? "" : "-v" + vn);
        if (level > 0) return levelOfDetail(m, v, level, baseName);
        if (f.equals("glb")) return new Download(baseName + ".glb", "model/gltf-binary", storedGlb(m, v));
        String key = ModelFiles.key(m.id(), vn, f);
        if (!files.cached(key)) {
            String inner = f.equals("obj.zip") ? fileBase(m.name()) : "model";
            if (v.procedural()) {
                GeneratedModel model = build(m, v);
                files.cache(key, (OutputStream out) -> generator.export(model, f, inner, out));
            } else {
                // Kept as the external generator delivered it; other formats are converted from that GLB.
                byte[] glb = readGlb(m, v);
                files.cache(key, (OutputStream out) -> generator.exportImported(glb, f, inner, out));
            }
        }
        return switch (f) {
            case "gltf" -> new Download(baseName + ".gltf", "model/gltf+json", files.path(key));
            case "obj" -> new Download(baseName + ".obj", "model/obj", files.path(key));
            case "obj.zip" -> new Download(baseName + ".zip", "application/zip", files.path(key));
            default -> new Download(baseName + ".stl", "model/stl", files.path(key));
        };
    }

    /**
     * A simplified GLB of a version, made on first request and cached. An external generator's GLB is simplified as it
     * is, so its node tree, materials, textures and UVs stay; rebuilding it through the engine's scene would flatten each
     * texture into one colour.
     */
    private Download levelOfDetail(StoredModel m, StoredVersion v, int level, String baseName) {
        String key = ModelFiles.key(m.id(), v.version(), "lod" + level + ".glb");
        if (!files.cached(key)) {
            if (v.procedural()) {
                GeneratedModel simpler = generator.simplified(build(m, v), LOD_RATIOS[level]);
                files.cache(key, (OutputStream out) -> generator.export(simpler, "glb", "model", out));
            } else {
                files.cache(key, generator.simplifiedGlb(readGlb(m, v), LOD_RATIOS[level]));
            }
        }
        return new Download(baseName + "-lod" + level + ".glb", "model/gltf-binary", files.path(key));
    }

    private GeneratedModel build(StoredModel m, StoredVersion v) {
        return generator.fromSpec(SceneSpecJson.read(v.spec()), new Options(ModelGenerator.complexity(m.complexity()),
                ModelGenerator.style(m.style())), null);
    }

    /**
     * The version's stored GLB in this node's cache. One made before the database kept model files, on a node that has not
     * started since (it stores its files then), is rebuilt from its spec; an external generator's cannot be.
     */
    private Path storedGlb(StoredModel m, StoredVersion v) {
        return files.fetch(v.glbKey()).orElseGet(() -> {
            if (!v.procedural()) {
                throw ApiException.notFound("this version's file is kept by the server that made it, which has not started since "
                        + "files are shared between servers; it can be downloaded once that server has been restarted");
            }
            byte[] glb = generator.glb(build(m, v));
            tx.executeWithoutResult(s -> files.keep(m.id(), v.glbKey(), glb));
            files.cache(v.glbKey(), glb);
            return files.path(v.glbKey());
        });
    }

    private byte[] readGlb(StoredModel m, StoredVersion v) {
        try {
            return Files.readAllBytes(storedGlb(m, v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private StoredVersion current(StoredModel m) {
        return m.currentVersion() == null ? null : repo.version(m.id(), m.currentVersion()).orElse(null);
    }

    /** The model if the caller may see it; 404 otherwise (also for malformed ids). */
    StoredModel requireVisible(AuthUser caller, String id) {
        long modelId;
        try {
            modelId = Ids.parse("id", id);
        } catch (ApiException e) {
            throw ApiException.notFound("no such model");
        }
        StoredModel m = repo.find(modelId).orElseThrow(() -> ApiException.notFound("no such model"));
        if (m.ownerId() != caller.id() && !repo.visibleTo(m.id(), caller.id())) throw ApiException.notFound("no such model");
        return m;
    }

    private StoredModel requireOwned(AuthUser caller, String id) {
        StoredModel m = requireVisible(caller, id);
        if (m.ownerId() != caller.id()) throw ApiException.forbidden("only the model's owner can do that");
        return m;
    }

    private static String oneOf(String field, String value, String fallback, String... allowed) {
        if (value == null) return fallback;
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) if (a.equals(v)) return v;
        throw ApiException.invalidField(field, "must be one of " + String.join(", ", allowed) + " (got \"" + truncate(value, 40) + "\")");
    }

    private Set<String> tags(List<String> raw) {
        if (raw.size() > MAX_TAGS) throw ApiException.invalidField("tags", "at most " + MAX_TAGS + " tags");
        Set<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            String tag = t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches())
                throw ApiException.invalidField("tags", "each tag is 1-40 letters, digits, spaces, '-' or '_' (got \"" + truncate(String.valueOf(t), 40) + "\")");
            tags.add(tag);
        }
        return tags;
    }

    private String defaultName(String description) {
        String firstLine = description.lines().findFirst().orElse(description).strip();
        int max = Math.min(60, nameMaxChars);
        return firstLine.length() <= max ? firstLine : firstLine.substring(0, max - 1) + "…";
    }

    /** A safe file name from the model name: letters, digits, '-' and '_'. */
    static String fileBase(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 60) base = base.substring(0, 60).replaceAll("-+$", "");
        return base.isEmpty() ? "model" : base;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
