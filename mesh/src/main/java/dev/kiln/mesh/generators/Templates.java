package dev.kiln.mesh.generators;

import dev.kiln.mesh.generators.templates.AirplaneTemplate;
import dev.kiln.mesh.generators.templates.BoatTemplate;
import dev.kiln.mesh.generators.templates.BookshelfTemplate;
import dev.kiln.mesh.generators.templates.BottleTemplate;
import dev.kiln.mesh.generators.templates.BridgeTemplate;
import dev.kiln.mesh.generators.templates.CarTemplate;
import dev.kiln.mesh.generators.templates.CastleTemplate;
import dev.kiln.mesh.generators.templates.ChairTemplate;
import dev.kiln.mesh.generators.templates.DiceTemplate;
import dev.kiln.mesh.generators.templates.FenceTemplate;
import dev.kiln.mesh.generators.templates.FlowerTemplate;
import dev.kiln.mesh.generators.templates.HouseTemplate;
import dev.kiln.mesh.generators.templates.LSystemTreeTemplate;
import dev.kiln.mesh.generators.templates.LampTemplate;
import dev.kiln.mesh.generators.templates.MugTemplate;
import dev.kiln.mesh.generators.templates.MushroomTemplate;
import dev.kiln.mesh.generators.templates.PineTreeTemplate;
import dev.kiln.mesh.generators.templates.PlanetTemplate;
import dev.kiln.mesh.generators.templates.RobotTemplate;
import dev.kiln.mesh.generators.templates.RocketTemplate;
import dev.kiln.mesh.generators.templates.SnowmanTemplate;
import dev.kiln.mesh.generators.templates.StaircaseTemplate;
import dev.kiln.mesh.generators.templates.SwordTemplate;
import dev.kiln.mesh.generators.templates.TableTemplate;
import dev.kiln.mesh.generators.templates.TowerTemplate;
import dev.kiln.mesh.generators.templates.TreeTemplate;
import dev.kiln.mesh.generators.templates.TrophyTemplate;
import dev.kiln.mesh.generators.templates.VaseTemplate;
import java.util.List;

/** The template library: multi-part parametric objects. */
public final class Templates {

    private Templates() {
    }

    public static List<ShapeGenerator> all() {
        return List.of(
                new TableTemplate(),
                new ChairTemplate(),
                new HouseTemplate(),
                new TreeTemplate(),
                new PineTreeTemplate(),
                new CarTemplate(),
                new RocketTemplate(),
                new SnowmanTemplate(),
                new TowerTemplate(),
                new CastleTemplate(),
                new RobotTemplate(),
                new LampTemplate(),
                new MugTemplate(),
                new BottleTemplate(),
                new SwordTemplate(),
                new BridgeTemplate(),
                new FenceTemplate(),
                new StaircaseTemplate(),
                new BoatTemplate(),
                new AirplaneTemplate(),
                new FlowerTemplate(),
                new MushroomTemplate(),
                new PlanetTemplate(),
                new DiceTemplate(),
                new TrophyTemplate(),
                new BookshelfTemplate(),
                new VaseTemplate(),
                new LSystemTreeTemplate());
    }
}
