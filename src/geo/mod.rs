//! Geometry: projection helpers, triangulation, level-of-detail, hit-testing and fit-to-bounds.
//!
//! Nothing here knows egui. The map layer in `ui` turns these precomputed, projection-space
//! meshes into screen shapes with one multiply-add per vertex.

pub mod fingerprint;
pub mod index;
pub mod label;
pub mod mercator;
pub mod mesh;
pub mod prepared;
pub mod simplify;
pub mod world_data;

pub use index::CountryIndex;
pub use mesh::{CountryMesh, Lod, MeshPart, MeshPlan, PolygonPlan, WorldMeshes};
pub use world_data::{MAX_ZOOM, WorldData, min_zoom};
